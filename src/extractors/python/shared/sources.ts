/**
 * Package sources the Python lockfiles spell alike.
 */
import type { ComponentSource } from '../../../core/types.js';

/** File names of Python distributions and the archives pip installs from. */
const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar\.xz)$/i;

/**
 * A package installed from a local path (pdm's and pipenv's `path`): editable when the lockfile
 * says so, else an archive file or a directory by the path's ending.
 */
export function localSource(path: string, editable: boolean): ComponentSource {
  if (editable) return { type: 'editable', url: path };
  return { type: ARCHIVE.test(path) ? 'file' : 'directory', url: path };
}
