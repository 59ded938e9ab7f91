/**
 * AI model licences, keyed `LicenseRef-<tag>` where `<tag>` is the Hugging Face Hub
 * licence tag (`license:` in a model card) or, where the Hub has no tag, the
 * `license_name:` model cards use with `license: other`.
 *
 * Clauses were written by reading the licence texts in `shared/corpora/licenses/ai`
 * (test input, not shipped): section numbers plus a few quoted words. Entries whose
 * text was not at hand say so with `termsVerified: false` or have no terms at all.
 */
import { silent, term, terms } from './terms-helpers.js';
import type { LicenseKnowledge, LicenseTerms, UseRestrictions } from './types.js';

const MAU_700M = { count: 700_000_000, unit: 'monthly-active-users' } as const;

/** What the Llama acceptable-use policies forbid, in short (AUP §1-§4). */
const LLAMA_AUP = [
  "violating the law or others' rights (AUP §1)",
  'activities with a risk of death or bodily harm, incl. military, weapons, critical infrastructure (AUP §2)',
  'deceiving or misleading others, incl. disinformation, impersonation, claiming outputs are human-generated (AUP §3)',
  'failing to disclose known dangers of the AI system to end users (AUP §4)',
];

/** Llama 3.2, 3.3 and 4 AUPs also withhold the multimodal grant from EU-based licensees. */
const LLAMA_EU_MULTIMODAL =
  'multimodal models: §1(a) rights not granted to individuals domiciled or companies based in the European Union (AUP; end users of products are exempt)';

interface LlamaSpec {
  readonly version: string;
  /** Section text for the 'Built with …' rule, or null (Llama 2 had none). */
  readonly builtWith: string | null;
  readonly naming: string | null;
  /** True up to Llama 3.0: no using outputs to improve other LLMs. */
  readonly outputBan: boolean;
  readonly euMultimodal: boolean;
  readonly aupUrl: string;
}

function llamaTerms(spec: LlamaSpec): LicenseTerms {
  const aup: UseRestrictions = {
    restrictions: spec.euMultimodal ? [...LLAMA_AUP, LLAMA_EU_MULTIMODAL] : LLAMA_AUP,
    passDownstream: true,
  };
  return terms({
    attribution: term(
      true,
      spec.builtWith === null
        ? '§1.b.i "provide a copy of this Agreement"; §1.b.iii attribution notice'
        : `§1.b.i(B) prominently display "${spec.builtWith}"; §1.b.iii attribution notice`,
    ),
    noticeFile: term(
      true,
      `§1.b.iii retain the attribution notice "within a \u201cNotice\u201d text file" ("${spec.version} is licensed under the …")`,
    ),
    sourceDisclosure: term(false, silent('source-disclosure')),
    sameLicense: term(
      true,
      spec.builtWith === null
        ? '§1.b.i "you shall provide a copy of this Agreement to such third party"'
        : '§1.b.i(A) "provide a copy of this Agreement with any such Llama Materials"',
      'derivatives stay subject to this Agreement (incl. the AUP); no copyleft on your own code',
    ),
    patentGrant: term(
      false,
      '§1.a licence "under Meta\u2019s intellectual property or other rights … embodied in the Llama Materials"; no express patent clause',
      'no separate patent licence; §5.c ends the licence on IP litigation against Meta',
    ),
    commercialUse: term(
      'conditional',
      '§2 Additional Commercial Terms: above 700 million monthly active users "you must request a license from Meta"',
    ),
    userThreshold: term<typeof MAU_700M | null>(
      MAU_700M,
      '§2 "greater than 700 million monthly active users in the preceding calendar month"',
      'measured on the version release date, for Licensee and affiliates',
    ),
    useRestrictions: term(
      aup,
      `§1.b.iv comply with the Acceptable Use Policy (${spec.aupUrl}), "incorporated by reference"`,
      'the AUP binds anyone licensed under the Agreement, which must accompany redistributions (§1.b.i)',
    ),
    derivativeNaming:
      spec.naming === null
        ? term<string | null>(null, silent('derivative naming'))
        : term<string | null>(
            spec.naming,
            '§1.b.i "include \u201cLlama\u201d at the beginning of any such AI model name"',
          ),
    outputRestrictions: spec.outputBan
      ? term<string | null>(
          'outputs may not be used to improve any other large language model (except this Llama version and its derivatives)',
          '§1.b.v "You will not use the Llama Materials or any output or results … to improve any other large language model"',
        )
      : term<string | null>(
          null,
          '§1.b.v removed since Llama 3.1; §1.b.i: models trained on outputs must follow the naming and attribution rule',
          'outputs may train other models, but a distributed model so trained must carry "Llama" in its name',
        ),
  });
}

function llama(tag: string, name: string, spec: LlamaSpec, url: string): LicenseKnowledge {
  return {
    id: `LicenseRef-${tag}`,
    name,
    category: 'ai-use-restricted',
    basis: 'table',
    url,
    terms: llamaTerms(spec),
    termsVerified: true,
  };
}

const RAIL_RESTRICTIONS_COMMON = [
  'unlawful use',
  'exploiting or harming minors',
  'generating verifiably false information to harm others',
  'generating personal identifiable information to harm',
  'defaming or harassing others',
  'fully automated decisions that adversely affect legal rights',
  'discrimination and exploiting vulnerable groups',
];

interface RailSpec {
  readonly distributionClause: string;
  readonly restrictionClause: string;
  readonly outputClause: string;
  readonly patentClause: string;
  readonly extra: readonly string[];
}

/** Terms shared by the OpenRAIL-M family (and the DeepSeek licence, built on it). */
function railTerms(spec: RailSpec): LicenseTerms {
  return terms({
    attribution: term(
      true,
      `${spec.distributionClause}: give recipients a copy of the licence and retain copyright, patent, trademark and attribution notices`,
    ),
    noticeFile: term(false, silent('NOTICE-file')),
    sourceDisclosure: term(false, silent('source-disclosure')),
    sameLicense: term(
      false,
      `${spec.distributionClause}: derivatives may use other terms but must carry the use restrictions`,
      'not copyleft: only the use restrictions must travel downstream',
    ),
    patentGrant: term(true, spec.patentClause),
    commercialUse: term(
      'allowed',
      'Section II: "perpetual, worldwide, non-exclusive, no-charge, royalty-free" grants; no commercial limit',
    ),
    useRestrictions: term(
      { restrictions: [...RAIL_RESTRICTIONS_COMMON, ...spec.extra], passDownstream: true },
      `${spec.restrictionClause}; ${spec.distributionClause}: use restrictions "MUST be included as an enforceable provision" in downstream agreements`,
    ),
    outputRestrictions: term<string | null>(
      'licensor claims no rights in outputs, but no use of outputs may contravene the licence (Attachment A)',
      spec.outputClause,
    ),
  });
}

const OPENRAIL_M: RailSpec = {
  distributionClause: '§4 Distribution and Redistribution',
  restrictionClause: '§5 Use-based restrictions: Attachment A',
  outputClause:
    '§6 The Output You Generate: "No use of the output can contravene any provision as stated in the License"',
  patentClause: '§3 Grant of Patent License',
  extra: [
    'medical advice and medical results interpretation',
    'administration of justice, law enforcement, immigration or asylum predictions',
  ],
};

function rail(
  id: string,
  name: string,
  spec: RailSpec,
  url: string,
  note?: string,
): LicenseKnowledge {
  return {
    id,
    name,
    category: 'ai-use-restricted',
    basis: 'table',
    url,
    terms: railTerms(spec),
    termsVerified: true,
    ...(note === undefined ? {} : { note }),
  };
}

const tongyiBase = {
  attribution: term(
    true,
    '§3(a) give recipients a copy of this Agreement; §3(b) modified files carry notices',
  ),
  noticeFile: term(true, '§3(c) attribution notices "within a \\"Notice\\" text file"'),
  patentGrant: term(
    false,
    '§2 licence "under Alibaba Cloud\'s intellectual property or other rights owned by Us embodied in the Materials"; no express patent clause',
  ),
  sameLicense: term(
    false,
    '§3(d) "may provide additional or different license terms … for Your modifications"',
    'derivatives may use other terms provided they comply with this Agreement',
  ),
};

/** The Llama acceptable-use policies (USE_POLICY.md), one per version, ids `LicenseRef-<tag>-aup`. */
function llamaAup(tag: string, name: string, eu: boolean, url: string): LicenseKnowledge {
  return {
    id: `LicenseRef-${tag}-aup`,
    name: `${name} Acceptable Use Policy`,
    category: 'ai-use-restricted',
    basis: 'table',
    url,
    note: `not a licence on its own: the ${name} Community License incorporates it by reference (§1.b.iv)`,
    termsVerified: true,
    terms: terms({
      commercialUse: term(
        'allowed',
        'silent: the policy restricts uses, not commercial use (the licence §2 sets the 700M MAU threshold)',
      ),
      useRestrictions: term(
        {
          restrictions: eu ? [...LLAMA_AUP, LLAMA_EU_MULTIMODAL] : LLAMA_AUP,
          passDownstream: true,
        },
        `Prohibited Uses §1-§4 "You agree you will not use, or allow others to use, ${name} to"${eu ? '; the multimodal clause withholds Section 1(a) rights from EU-domiciled licensees' : ''}`,
        'binds everyone using the model under the licence; redistributions carry the licence, which incorporates this policy',
      ),
    }),
  };
}

/** Every AI model licence the knowledge base knows. */
export const AI_LICENSES: readonly LicenseKnowledge[] = [
  {
    id: 'LicenseRef-llama1',
    name: 'LLaMA License Agreement (Llama 1, 2023)',
    category: 'non-commercial',
    basis: 'table',
    note: 'no Hugging Face Hub tag exists for Llama 1; the id is ours',
    termsVerified: true,
    terms: terms({
      attribution: term(
        true,
        '§3 ATTRIBUTION: provide "a copy of this License" and the notice "LLaMA is licensed under the LLaMA License"; §2.b keep proprietary notices',
      ),
      commercialUse: term(
        'forbidden',
        '§2.a not to use the Software Products "for (i) any commercial or production purposes"',
      ),
      useRestrictions: term(
        {
          restrictions: [
            'no commercial or production use',
            'no military purposes or service of nuclear technology',
            'no surveillance',
            'no biometric processing',
            'no use violating third-party rights or law',
          ],
          passDownstream: true,
        },
        '§2.a (i)-(vi); §2 "will not permit, assist or cause any third party to"; §2.d no inconsistent terms downstream',
      ),
      sameLicense: term(
        true,
        '§3 copies and derivative works carry "a copy of this License"; §2.d no terms that "alter, restrict, or are inconsistent with" it',
      ),
      outputRestrictions: term<string | null>(
        'data produced by the software may not be used for commercial or production purposes',
        '§2.a "or any data produced by the Software"',
      ),
    }),
  },
  llama(
    'llama2',
    'Llama 2 Community License Agreement',
    {
      version: 'Llama 2',
      builtWith: null,
      naming: null,
      outputBan: true,
      euMultimodal: false,
      aupUrl: 'ai.meta.com/llama/use-policy',
    },
    'https://ai.meta.com/llama/license/',
  ),
  llama(
    'llama3',
    'Meta Llama 3 Community License Agreement',
    {
      version: 'Meta Llama 3',
      builtWith: 'Built with Meta Llama 3',
      naming:
        '"Llama 3" at the beginning of the name of any distributed AI model created or improved with the Llama Materials',
      outputBan: true,
      euMultimodal: false,
      aupUrl: 'llama.meta.com/llama3/use-policy',
    },
    'https://llama.meta.com/llama3/license/',
  ),
  llama(
    'llama3.1',
    'Llama 3.1 Community License Agreement',
    {
      version: 'Llama 3.1',
      builtWith: 'Built with Llama',
      naming:
        '"Llama" at the beginning of the name of any distributed AI model created, trained or improved with the Llama Materials or their outputs',
      outputBan: false,
      euMultimodal: false,
      aupUrl: 'llama.meta.com/llama3_1/use-policy',
    },
    'https://llama.meta.com/llama3_1/license/',
  ),
  llama(
    'llama3.2',
    'Llama 3.2 Community License Agreement',
    {
      version: 'Llama 3.2',
      builtWith: 'Built with Llama',
      naming:
        '"Llama" at the beginning of the name of any distributed AI model created, trained or improved with the Llama Materials or their outputs',
      outputBan: false,
      euMultimodal: true,
      aupUrl: 'llama.com/llama3_2/use-policy',
    },
    'https://www.llama.com/llama3_2/license/',
  ),
  llama(
    'llama3.3',
    'Llama 3.3 Community License Agreement',
    {
      version: 'Llama 3.3',
      builtWith: 'Built with Llama',
      naming:
        '"Llama" at the beginning of the name of any distributed AI model created, trained or improved with the Llama Materials or their outputs',
      outputBan: false,
      euMultimodal: true,
      aupUrl: 'llama.com/llama3_3/use-policy',
    },
    'https://www.llama.com/llama3_3/license/',
  ),
  llama(
    'llama4',
    'Llama 4 Community License Agreement',
    {
      version: 'Llama 4',
      builtWith: 'Built with Llama',
      naming:
        '"Llama" at the beginning of the name of any distributed AI model created, trained or improved with the Llama Materials or their outputs',
      outputBan: false,
      euMultimodal: true,
      aupUrl: 'llama.com/llama4/use-policy',
    },
    'https://www.llama.com/llama4/license/',
  ),
  llamaAup('llama2', 'Llama 2', false, 'https://ai.meta.com/llama/use-policy'),
  llamaAup('llama3', 'Meta Llama 3', false, 'https://llama.meta.com/llama3/use-policy'),
  llamaAup('llama3.1', 'Llama 3.1', false, 'https://llama.meta.com/llama3_1/use-policy'),
  llamaAup('llama3.2', 'Llama 3.2', true, 'https://www.llama.com/llama3_2/use-policy'),
  llamaAup('llama3.3', 'Llama 3.3', true, 'https://www.llama.com/llama3_3/use-policy'),
  llamaAup('llama4', 'Llama 4', true, 'https://www.llama.com/llama4/use-policy'),
  rail(
    'LicenseRef-creativeml-openrail-m',
    'CreativeML Open RAIL-M (2022-08-22)',
    OPENRAIL_M,
    'https://huggingface.co/spaces/CompVis/stable-diffusion-license',
  ),
  rail(
    'LicenseRef-openrail++',
    'CreativeML Open RAIL++-M (2022-11-24)',
    OPENRAIL_M,
    'https://huggingface.co/stabilityai/stable-diffusion-2/blob/main/LICENSE-MODEL',
  ),
  rail(
    'LicenseRef-bigscience-openrail-m',
    'BigScience Open RAIL-M (2022-08-18)',
    OPENRAIL_M,
    'https://bigscience.huggingface.co/blog/bigscience-openrail-m',
  ),
  rail(
    'LicenseRef-bigscience-bloom-rail-1.0',
    'BigScience RAIL License v1.0 (BLOOM, 2022-05-19)',
    {
      ...OPENRAIL_M,
      extra: [
        ...OPENRAIL_M.extra,
        'impersonating others',
        'generating content without disclosing it is machine-generated',
      ],
    },
    'https://huggingface.co/spaces/bigscience/license',
  ),
  rail(
    'LicenseRef-bigcode-openrail-m',
    'BigCode Open RAIL-M v1',
    {
      distributionClause:
        '§5 Sharing of the Model (§5.1 include Paragraph 4 and Attachment A; §5.2 give a copy, retain notices)',
      restrictionClause:
        '§4 Use conditions: "Compliance with the restrictions in Attachment A is a condition to the grants"',
      outputClause:
        '§6 The Output You Generate: "Licensor claims no rights in the Output. You agree not to contravene any provision"',
      patentClause: 'Section II: Grant of Patent license',
      extra: ['generating or disseminating malware', 'impersonating human beings to deceive'],
    },
    'https://www.bigcode-project.org/docs/pages/bigcode-openrail/',
  ),
  rail(
    'LicenseRef-deepseek',
    'DeepSeek License Agreement v1.0 (2023-10-23)',
    {
      ...OPENRAIL_M,
      outputClause:
        '§6 The Output You Generate: "DeepSeek claims no rights in the Output"; no use of the output can contravene the License',
      extra: [
        'military use in any way',
        'medical advice and medical results interpretation',
        'administration of justice, law enforcement, immigration or asylum predictions',
      ],
    },
    'https://github.com/deepseek-ai/DeepSeek-LLM/blob/main/LICENSE-MODEL',
    'no Hub tag; model cards use license: other, license_name: deepseek',
  ),
  {
    id: 'LicenseRef-tongyi-qianwen',
    name: 'Tongyi Qianwen License Agreement (2023-08-03)',
    category: 'ai-use-restricted',
    basis: 'table',
    note: 'no Hub tag; Qwen model cards use license: other, license_name: tongyi-qianwen',
    termsVerified: true,
    terms: terms({
      ...tongyiBase,
      commercialUse: term(
        'conditional',
        '§4 Restrictions: commercial use with "more than 100 million monthly active users" requires a licence',
      ),
      userThreshold: term<{ count: number; unit: 'monthly-active-users' } | null>(
        { count: 100_000_000, unit: 'monthly-active-users' },
        '§4 "more than 100 million monthly active users"',
      ),
      useRestrictions: term(
        {
          restrictions: ['comply with export controls (China, United States, others)'],
          passDownstream: false,
        },
        '§5(a) Rules of use',
      ),
      outputRestrictions: term<string | null>(
        'outputs may not be used to improve any other large language model (except Tongyi Qianwen derivatives)',
        '§5(b) "You can not use the Materials or any output therefrom to improve any other large language model"',
      ),
    }),
  },
  {
    id: 'LicenseRef-tongyi-qianwen-research',
    name: 'Tongyi Qianwen Research License Agreement (2023-11-30)',
    category: 'non-commercial',
    basis: 'table',
    note: 'no Hub tag; model cards use license: other, license_name: tongyi-qianwen-research',
    termsVerified: true,
    terms: terms({
      ...tongyiBase,
      commercialUse: term(
        'forbidden',
        '§2(a) licence "FOR NON-COMMERCIAL" use; §1(i) "Non-Commercial" means research or evaluation; §2(b) commercial use requires a licence',
      ),
      useRestrictions: term(
        {
          restrictions: ['research or evaluation only', 'comply with export controls'],
          passDownstream: false,
        },
        '§1(i), §4(a) Rules of use',
      ),
      outputRestrictions: term<string | null>(
        'outputs may not be used to improve any other large language model (except Tongyi Qianwen derivatives)',
        '§4(b) "You can not use the Materials or any output therefrom to improve any other large language model"',
      ),
    }),
  },
  {
    id: 'LicenseRef-gemma',
    name: 'Gemma Terms of Use',
    category: 'ai-use-restricted',
    basis: 'table',
    url: 'https://ai.google.dev/gemma/terms',
    note: 'text not in the corpus; terms written from the published Gemma Terms of Use and need a re-check against the text',
    termsVerified: false,
    terms: terms({
      attribution: term(
        true,
        '§3.1 give Third Party Recipients a copy of this Agreement; modified files carry notices',
      ),
      noticeFile: term(
        true,
        '§3.1 distributions accompanied by a "Notice" text file: "Gemma is provided under and subject to the Gemma Terms of Use"',
      ),
      sameLicense: term(
        false,
        '§3.1 you may add your own terms for your modifications, consistent with this Agreement',
        'not copyleft: the use restrictions must travel downstream',
      ),
      commercialUse: term(
        'allowed',
        '§2.2 use, reproduce, modify, distribute; no commercial limit',
      ),
      useRestrictions: term(
        { restrictions: ['the Gemma Prohibited Use Policy'], passDownstream: true },
        '§3.2 Use Restrictions; §3.1 include them "as an enforceable provision" in downstream agreements',
      ),
      outputRestrictions: term<string | null>(
        'models trained on Gemma outputs to perform similarly (e.g. distillation) are Model Derivatives under these terms',
        '§1.1 definition of "Model Derivatives"; §3.3 Google claims no rights in Outputs',
      ),
    }),
  },
  {
    id: 'LicenseRef-falcon-llm-license',
    name: 'TII Falcon LLM License',
    category: 'ai-use-restricted',
    basis: 'table',
    aliases: ['LicenseRef-falcon'],
    url: 'https://falconllm.tii.ae/falcon-terms-and-conditions.html',
    note: 'text not in the corpus; Falcon 180B and Falcon 2/3 terms differ (acceptable-use policy, hosting restrictions); terms left out until read',
  },
  {
    id: 'LicenseRef-mrl',
    name: 'Mistral AI Research License',
    category: 'non-commercial',
    basis: 'table',
    aliases: ['LicenseRef-mistral-research'],
    url: 'https://mistral.ai/licenses/MRL-0.1.md',
    note: 'text not in the corpus; research and non-commercial use only; terms left out until read. Model cards use license: other, license_name: mrl',
  },
];
