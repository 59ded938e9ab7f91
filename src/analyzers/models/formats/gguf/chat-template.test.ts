import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../types.js';
import { scanChatTemplate } from './chat-template.js';

// Chat templates in the style real models ship (written for these tests), using the constructs
// they rely on: namespace(), tojson, selectattr/map(attribute=…), raise_exception, loop.*.
const BENIGN: Record<string, string> = {
  llama3: `{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}`,
  'llama3.1-tools': `{{- bos_token }}
{%- if custom_tools is defined %}{%- set tools = custom_tools %}{%- endif %}
{%- if not tools_in_user_message is defined %}{%- set tools_in_user_message = true %}{%- endif %}
{%- if not date_string is defined %}{%- set date_string = "26 Jul 2024" %}{%- endif %}
{%- if messages[0]['role'] == 'system' %}{%- set system_message = messages[0]['content']|trim %}{%- set messages = messages[1:] %}{%- else %}{%- set system_message = "" %}{%- endif %}
{{- "<|start_header_id|>system<|end_header_id|>\\n\\n" }}
{%- if builtin_tools is defined or tools is not none %}{{- "Environment: ipython\\n" }}{%- endif %}
{%- if builtin_tools is defined %}{{- "Tools: " + builtin_tools | reject('equalto', 'code_interpreter') | join(", ") + "\\n\\n"}}{%- endif %}
{{- "Cutting Knowledge Date: December 2023\\n" }}{{- "Today Date: " + date_string + "\\n\\n" }}
{%- for t in tools %}{{- t | tojson(indent=4) }}{{- "\\n\\n" }}{%- endfor %}
{%- for message in messages %}
  {%- if not (message.role == 'ipython' or message.role == 'tool' or 'tool_calls' in message) %}
    {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' }}
  {%- elif 'tool_calls' in message %}
    {%- if not message.tool_calls|length == 1 %}{{- raise_exception("This model only supports single tool-calls at once!") }}{%- endif %}
    {%- set tool_call = message.tool_calls[0].function %}
    {{- '{"name": "' + tool_call.name + '", ' }}{{- '"parameters": ' }}{{- tool_call.arguments | tojson }}{{- "}" }}
  {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}`,
  chatml: `{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}`,
  mistral: `{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}`,
  gemma: `{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}`,
  'qwen2.5-tools': `{%- if tools %}{{- '<|im_start|>system\\n' }}{%- if messages[0]['role'] == 'system' %}{{- messages[0]['content'] }}{%- else %}{{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}{%- endif %}{{- "\\n\\n# Tools\\n\\n<tools>" }}{%- for tool in tools %}{{- "\\n" }}{{- tool | tojson }}{%- endfor %}{{- "\\n</tools>" }}{%- endif %}
{%- for message in messages %}{%- if message.role == "assistant" %}{{- '<|im_start|>' + message.role }}{%- if message.content %}{{- '\\n' + message.content }}{%- endif %}{%- for tool_call in message.tool_calls %}{%- if tool_call.function is defined %}{%- set tool_call = tool_call.function %}{%- endif %}{{- '\\n<tool_call>\\n{"name": "' }}{{- tool_call.name }}{{- '", "arguments": ' }}{{- tool_call.arguments | tojson }}{{- '}\\n</tool_call>' }}{%- endfor %}{{- '<|im_end|>\\n' }}{%- elif message.role == "tool" %}{%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}{{- '<|im_start|>user' }}{%- endif %}{{- '\\n<tool_response>\\n' }}{{- message.content }}{%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}{{- '<|im_end|>\\n' }}{%- endif %}{%- endif %}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}`,
  'deepseek-ns': `{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}{% set ns = namespace(is_first=false, is_tool=false, system_prompt='', is_first_sp=true) %}{%- for message in messages %}{%- if message['role'] == 'system' %}{%- if ns.is_first_sp %}{% set ns.system_prompt = ns.system_prompt + message['content'] %}{% set ns.is_first_sp = false %}{%- else %}{% set ns.system_prompt = ns.system_prompt + '\\n\\n' + message['content'] %}{%- endif %}{%- endif %}{%- endfor %}{{ bos_token }}{{ ns.system_prompt }}{%- for message in messages %}{%- if message['role'] == 'assistant' and message['content'] is not none %}{% set content = message['content'] %}{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}{{'<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>'}}{%- endif %}{%- endfor %}`,
  multimodal: `{%- for message in messages -%}{%- for part in message['content'] | selectattr('type', 'equalto', 'image') -%}{{ '<__media__>' }}{%- endfor -%}{{ message['content'] | selectattr('type', 'equalto', 'text') | map(attribute='text') | join('') }}{%- endfor -%}`,
  'raw-and-comment': `{# uses {{ __class__ }} only in a comment #}{% raw %}{{ ().__class__ }}{% endraw %}{{ messages | length }}`,
};

// Published SSTI payloads and the bypass techniques around them (harmless commands).
const MALICIOUS: [string, string, string][] = [
  [
    'CVE-2024-34359 subclasses walk',
    `{% for x in ().__class__.__base__.__subclasses__() %}{% if "warning" in x.__name__ %}{{x()._module.__builtins__['__import__']('os').popen("touch /tmp/retr0reg")}}{%endif%}{% endfor %}`,
    'gguf.chat-template-dunder',
  ],
  [
    'self.__init__.__globals__',
    `{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}`,
    'gguf.chat-template-dunder',
  ],
  [
    'cycler globals',
    `{{ cycler.__init__.__globals__.os.popen('id').read() }}`,
    'gguf.chat-template-dunder',
  ],
  [
    'joiner globals',
    `{{ joiner.__init__.__globals__.os.popen('id').read() }}`,
    'gguf.chat-template-dunder',
  ],
  [
    'namespace globals',
    `{{ namespace.__init__.__globals__.os.popen('id').read() }}`,
    'gguf.chat-template-dunder',
  ],
  [
    'lipsum globals subscript',
    `{{ lipsum['__glo' ~ 'bals__']['os'].popen('id').read() }}`,
    'gguf.chat-template-dangerous-name',
  ],
  ['lipsum alone', `{{ lipsum.x }}`, 'gguf.chat-template-dangerous-name'],
  [
    'attr with hex escapes',
    `{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f') }}`,
    'gguf.chat-template-dunder',
  ],
  [
    'attr with unicode escapes',
    `{{ ()|attr("\\u005f\\u005fclass\\u005f\\u005f") }}`,
    'gguf.chat-template-dunder',
  ],
  ['attr with concatenation', `{{ ()|attr('__cla' ~ 'ss__') }}`, 'gguf.chat-template-dunder'],
  ['attr with repetition', `{{ ()|attr('_'*2 ~ 'class' ~ '_'*2) }}`, 'gguf.chat-template-dunder'],
  [
    'attr through set variables',
    `{% set u = '_' * 2 %}{% set n = u ~ 'globals' ~ u %}{{ cycler|attr(n) }}`,
    'gguf.chat-template-dunder',
  ],
  [
    'attr with a run-time value',
    `{% for c in chars %}{{ x|attr(c ~ c ~ 'class') }}{% endfor %}`,
    'gguf.chat-template-computed-attribute',
  ],
  ['map attr', `{{ [x]|map('attr', y ~ 'z')|list }}`, 'gguf.chat-template-computed-attribute'],
  [
    '%c format',
    `{% set u = '%c%c'|format(95, 95) %}{{ ()|attr(u ~ 'class' ~ u) }}`,
    'gguf.chat-template-built-name',
  ],
  [
    'private mangled attribute',
    `{{ self._TemplateReference__context.cycler }}`,
    'gguf.chat-template-dunder',
  ],
  ['dict keyword dunder', `{{ dict(__class__=1)|join }}`, 'gguf.chat-template-dunder'],
  ['import statement', `{% import 'os' as os %}{{ os }}`, 'gguf.chat-template-dangerous-name'],
  ['include', `{% include '/etc/passwd' %}`, 'gguf.chat-template-loads-template'],
  ['whitespace control', `{{- ().__class__ -}}`, 'gguf.chat-template-dunder'],
  ['string with }} inside', `{{ '}}' ~ ''.__class__ }}`, 'gguf.chat-template-dunder'],
  ['adjacent literals', `{{ ()|attr('__cl' 'ass__') }}`, 'gguf.chat-template-dunder'],
  ['unterminated tag', `{{ messages | length `, 'gguf.chat-template-unparsable'],
];

describe('scanChatTemplate', () => {
  it.each(Object.entries(BENIGN))('%s template is safe', (_name, template) => {
    const findings = scanChatTemplate(template);
    expect(findings).toEqual([]);
    expect(verdictOf(findings)).toBe('safe');
  });

  it.each(MALICIOUS)('%s is flagged (%#)', (_name, template, rule) => {
    const findings = scanChatTemplate(template);
    expect(verdictOf(findings)).not.toBe('safe');
    expect(findings.map((f) => f.rule)).toContain(rule);
  });

  it('names the key and offset in the detail', () => {
    const [finding] = scanChatTemplate(
      `{{ x }}{{ ''.__class__ }}`,
      'tokenizer.chat_template.tool_use',
    );
    expect(finding?.detail).toMatch(/^tokenizer\.chat_template\.tool_use offset 13: __class__ in/);
  });

  it('bounds the findings of a hostile template', () => {
    const template = Array.from({ length: 500 }, (_, i) => `{{ x.__a${i}__ }}`).join('');
    expect(scanChatTemplate(template).length).toBe(50);
  });
});
