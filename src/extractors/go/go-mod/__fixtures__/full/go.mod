// Deprecated: use example.com/full/v2 instead.
module example.com/full

go 1.22.0
toolchain go1.22.1

godebug default=go1.21

require (
	github.com/BurntSushi/toml v1.3.2
	gopkg.in/yaml.v3 v3.0.1
	"github.com/pkg/errors" v0.9.1 // pinned: see ../local/errors
)

require (
	github.com/docker/docker v24.0.7+incompatible // indirect
	golang.org/x/sys v0.0.0-20220715151400-c0bba94af5f8 // indirect
	golang.org/x/tools v0.17.0 // indirect; needed by the stringer tool
)

replace gopkg.in/yaml.v3 v3.0.1 => example.com/fork/yaml v3.0.2

replace github.com/pkg/errors => ../local/errors

replace example.com/not/required v1.0.0 => example.com/other v1.0.0

exclude golang.org/x/sys v0.0.0-20200101000000-000000000000

retract (
	v1.0.0 // published too early
	[v1.1.0, v1.1.3]
)

tool golang.org/x/tools/cmd/stringer
