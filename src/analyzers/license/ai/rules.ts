/**
 * What identifies each AI model licence and acceptable-use policy: written by hand from the
 * published texts (titles, version dates, a few distinctive clauses), never the texts themselves.
 * Phrases are plain text here and go through `normalize()` once when the matcher is built, so
 * they read like the licence ("Llama 3.1 Version Release Date: July 23, 2024") and still match
 * reflowed, Markdown or comment-wrapped copies.
 */

/** One licence (or policy) and the phrases that identify it. */
export interface AiRule {
  /** `LicenseRef-<hub tag>` (or an SPDX id for the Creative Commons NC licences). */
  readonly id: string;
  /**
   * Rules of one family share wording; phrases of a family are grouped into one region, and the
   * rule whose own markers are found in the region wins.
   */
  readonly family: string;
  /** The heading of the full text. */
  readonly titles: readonly string[];
  /** Version or date lines; a full text must carry one when listed. */
  readonly versions?: readonly string[];
  /** Distinctive clauses a full text must all carry for `high`. */
  readonly required?: readonly string[];
  /** Further clauses of this rule (raise the score, tell versions apart). */
  readonly clauses?: readonly string[];
  /** Clauses that this licence does not have but a sibling has (present → not this one). */
  readonly absent?: readonly string[];
  /** Names used in notices and grants ("licensed under the Llama 3.1 Community License"). */
  readonly names?: readonly string[];
  /** Bare tags ("llama3.1"): count only after a grant word ("license: llama3.1"). */
  readonly tags?: readonly string[];
  /** Only notices are identified (full texts are matched elsewhere, e.g. SPDX texts). */
  readonly noticeOnly?: boolean;
}

/** Phrases shared by the members of a family; they make a region a full text. */
export const FAMILY_PHRASES: Readonly<Record<string, readonly string[]>> = {
  'llama-license': [
    'the terms and conditions for use, reproduction, distribution and modification of the Llama Materials set forth herein',
    'Additional Commercial Terms',
    'greater than 700 million monthly active users',
    'you must request a license from Meta',
    'Meta Platforms Ireland Limited',
    'The courts of California shall have exclusive jurisdiction of any dispute arising out of this Agreement',
  ],
  'llama-aup': [
    'Prohibited Uses',
    'Violate the law or others’ rights',
    'Human trafficking, exploitation, and sexual violence',
    'Guns and illegal weapons',
    'Intentionally deceive or mislead others',
    'Fail to appropriately disclose to end users any known dangers of your AI system',
    'Please report any violation of this Policy',
    'Reporting issues with the model',
  ],
  llama1: [
    'Software Products',
    'any commercial or production purposes',
    'Meta Platforms',
    'LLaMA is licensed under the LLaMA License',
  ],
  rail: [
    'Use-based restrictions',
    'Complementary Material',
    'Derivatives of the Model',
    'Attachment A',
    'The Output You Generate',
    'MUST be included as an enforceable provision',
    'Grant of Patent License',
    'Updates and Runtime Restrictions',
  ],
  tongyi: [
    'By clicking to agree or by using or distributing any portion or element of the Tongyi Qianwen Materials',
    'shall mean Alibaba Cloud',
    'Alibaba Cloud',
    'You can not use the Materials or any output therefrom to improve any other large language model',
    'Rules of use',
  ],
  gemma: [
    'Gemma Services',
    'Model Derivatives',
    'Hosted Service',
    'Gemma Prohibited Use Policy',
    'ai.google.dev/gemma',
  ],
  falcon: [
    'Technology Innovation Institute',
    'falconllm.tii.ae',
    'Acceptable Use Policy',
    'Hosting Use',
  ],
  mrl: ['Mistral AI', 'Mistral Models', 'Research Purposes', 'Derivatives', 'Outputs'],
  cc: [],
};

/** Llama 2+ community licences: one row per version. */
const LLAMA_VERSIONS: readonly {
  readonly tag: string;
  /** How the text names the version ("Llama 3.1", "Meta Llama 3"). */
  readonly name: string;
  readonly dateLine: string;
  readonly extra: readonly string[];
  readonly aup: readonly string[];
}[] = [
  {
    tag: 'llama2',
    name: 'Llama 2',
    dateLine: 'Llama 2 Version Release Date: July 18, 2023',
    extra: ['to improve any other large language model (excluding Llama 2'],
    aup: ['ai.meta.com/llama/use-policy'],
  },
  {
    tag: 'llama3',
    name: 'Meta Llama 3',
    dateLine: 'Meta Llama 3 Version Release Date: April 18, 2024',
    extra: [
      'Built with Meta Llama 3',
      'to improve any other large language model (excluding Meta Llama 3',
    ],
    aup: ['llama.meta.com/llama3/use-policy'],
  },
  {
    tag: 'llama3.1',
    name: 'Llama 3.1',
    dateLine: 'Llama 3.1 Version Release Date: July 23, 2024',
    extra: ['Built with Llama', 'include “Llama” at the beginning of any such AI model name'],
    aup: ['llama3_1/use-policy'],
  },
  {
    tag: 'llama3.2',
    name: 'Llama 3.2',
    dateLine: 'Llama 3.2 Version Release Date: September 25, 2024',
    extra: ['Built with Llama', 'include “Llama” at the beginning of any such AI model name'],
    aup: ['llama3_2/use-policy', 'With respect to any multimodal models included in Llama 3.2'],
  },
  {
    tag: 'llama3.3',
    name: 'Llama 3.3',
    dateLine: 'Llama 3.3 Version Release Date: December 6, 2024',
    extra: ['Built with Llama', 'include “Llama” at the beginning of any such AI model name'],
    aup: ['llama3_3/use-policy', 'With respect to any multimodal models included in Llama 3.3'],
  },
  {
    tag: 'llama4',
    name: 'Llama 4',
    dateLine: 'Llama 4 Version Effective Date: April 5, 2025',
    extra: ['Built with Llama', 'include “Llama” at the beginning of any such AI model name'],
    aup: ['llama4/use-policy', 'With respect to any multimodal models included in Llama 4'],
  },
];

function llamaRules(): AiRule[] {
  return LLAMA_VERSIONS.flatMap((v): AiRule[] => {
    // "Meta Llama 3" texts also say plain "Llama 3" in places; the short form names the version.
    const short = v.name.replace(/^Meta /, '');
    const tagText = v.tag.replace('.', '_');
    return [
      {
        id: `LicenseRef-${v.tag}`,
        family: 'llama-license',
        titles: [`${v.name} Community License Agreement`],
        versions: [v.dateLine],
        required: [
          'greater than 700 million monthly active users',
          `${v.name} is licensed under the ${v.name} Community License`,
          `on the ${v.name} version release date`,
          ...v.extra.slice(0, 1),
        ],
        clauses: v.extra.slice(1),
        names: [`${short} Community License`],
        tags: [v.tag, tagText],
      },
      {
        id: `LicenseRef-${v.tag}-aup`,
        family: 'llama-aup',
        titles: [`${v.name} Acceptable Use Policy`],
        required: [
          // Without "use": the policy inside the Llama 3 licence says "use Meta Llama 3".
          `${short}, you agree to this Acceptable Use Policy`,
          `${short} safely and responsibly`,
        ],
        clauses: [`You agree you will not use, or allow others to use, ${short} to`, ...v.aup],
        names: [`${short} Acceptable Use Policy`],
      },
    ];
  });
}

/** Every AI licence rule, in no particular order. */
export const AI_RULES: readonly AiRule[] = [
  ...llamaRules(),
  {
    id: 'LicenseRef-llama1',
    family: 'llama1',
    titles: ['LLaMA LICENSE AGREEMENT'],
    required: [
      'LLaMA is licensed under the LLaMA License',
      'any commercial or production purposes',
    ],
    clauses: ['Software Products', 'military, warfare, nuclear industries'],
    names: ['LLaMA License'],
    tags: ['llama1'],
  },
  {
    id: 'LicenseRef-creativeml-openrail-m',
    family: 'rail',
    titles: ['CreativeML Open RAIL-M'],
    versions: ['dated August 22, 2022'],
    required: [
      'Multimodal generative models are being widely adopted',
      'update the Model through electronic means',
    ],
    names: ['CreativeML OpenRAIL-M', 'CreativeML Open RAIL-M License'],
    tags: ['creativeml-openrail-m'],
  },
  {
    id: 'LicenseRef-openrail++',
    family: 'rail',
    titles: ['CreativeML Open RAIL++-M License'],
    versions: ['dated November 24, 2022'],
    required: ['Multimodal generative models are being widely adopted'],
    absent: ['update the Model through electronic means'],
    names: ['CreativeML Open RAIL++-M', 'CreativeML OpenRAIL++-M'],
    tags: ['creativeml-openrail-plusplus-m'],
  },
  {
    id: 'LicenseRef-bigscience-openrail-m',
    family: 'rail',
    titles: ['BigScience Open RAIL-M License'],
    versions: ['dated August 18, 2022'],
    required: ['This Open RAIL-M License was created by BigScience'],
    clauses: ['large multilingual datasets', 'update the Model through electronic means'],
    names: ['BigScience OpenRAIL-M', 'BigScience Open RAIL-M'],
    tags: ['bigscience-openrail-m'],
  },
  {
    id: 'LicenseRef-bigscience-bloom-rail-1.0',
    family: 'rail',
    titles: ['BigScience RAIL License v1.0'],
    versions: ['dated May 19, 2022'],
    required: ['the BigScience BLOOM models'],
    clauses: ['BigScience Ethical Charter', 'update the Model through electronic means'],
    names: [
      'BigScience BLOOM RAIL License v1.0',
      'BigScience BLOOM RAIL 1.0',
      'BLOOM RAIL License',
    ],
    tags: ['bigscience-bloom-rail-1.0'],
  },
  {
    id: 'LicenseRef-bigcode-openrail-m',
    family: 'rail',
    titles: ['BigCode Open RAIL-M v1 License Agreement'],
    required: [
      'created under BigCode',
      'Compliance with the restrictions in Attachment A is a condition to the grants',
    ],
    clauses: ['Paragraph 4 and the restrictions in Attachment A'],
    names: ['BigCode OpenRAIL-M', 'BigCode Open RAIL-M v1', 'BigCode Open RAIL-M'],
    tags: ['bigcode-openrail-m'],
  },
  {
    id: 'LicenseRef-deepseek',
    family: 'rail',
    titles: ['DEEPSEEK LICENSE AGREEMENT'],
    versions: ['Version 1.0, 23 October 2023'],
    required: ['DeepSeek claims no rights in the Output', 'You and DeepSeek agree as follows'],
    clauses: ['Beijing DeepSeek Artificial Intelligence Fundamental Technology Research'],
    names: ['DeepSeek License Agreement', 'DeepSeek License', 'DeepSeek Model License'],
  },
  {
    id: 'LicenseRef-tongyi-qianwen',
    family: 'tongyi',
    titles: ['Tongyi Qianwen LICENSE AGREEMENT'],
    versions: ['Tongyi Qianwen Release Date: August 3, 2023'],
    required: [
      'Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE AGREEMENT',
      'more than 100 million monthly active users',
    ],
    names: ['Tongyi Qianwen License Agreement', 'Tongyi Qianwen License'],
    tags: ['tongyi-qianwen'],
  },
  {
    id: 'LicenseRef-tongyi-qianwen-research',
    family: 'tongyi',
    titles: ['Tongyi Qianwen RESEARCH LICENSE AGREEMENT'],
    versions: ['Tongyi Qianwen Release Date: November 30, 2023'],
    required: [
      'Tongyi Qianwen is licensed under the Tongyi Qianwen RESEARCH LICENSE AGREEMENT',
      'FOR NON-COMMERCIAL PURPOSES ONLY',
    ],
    clauses: ['"Non-Commercial" shall mean for research or evaluation purposes only'],
    names: ['Tongyi Qianwen Research License Agreement', 'Tongyi Qianwen Research License'],
    tags: ['tongyi-qianwen-research'],
  },
  {
    id: 'LicenseRef-gemma',
    family: 'gemma',
    titles: ['Gemma Terms of Use'],
    required: ['Gemma Prohibited Use Policy', 'Model Derivatives'],
    clauses: [
      'Gemma is provided under and subject to the Gemma Terms of Use',
      'Gemma Services',
      'Hosted Service',
    ],
    names: ['Gemma Terms of Use', 'Gemma License'],
    tags: ['gemma'],
  },
  {
    id: 'LicenseRef-falcon-llm-license',
    family: 'falcon',
    titles: [
      'TII Falcon LLM License',
      'TII Falcon License',
      'Falcon LLM TII License',
      'Falcon 180B TII License',
      'Falcon-180B TII License',
    ],
    required: ['Technology Innovation Institute'],
    clauses: ['falconllm.tii.ae', 'Acceptable Use Policy'],
    names: ['TII Falcon LLM License', 'TII Falcon License', 'Falcon LLM License'],
    tags: ['falcon-llm-license'],
  },
  {
    id: 'LicenseRef-mrl',
    family: 'mrl',
    titles: ['Mistral AI Research License'],
    required: ['Mistral AI', 'Research Purposes'],
    clauses: ['Mistral Models'],
    names: ['Mistral AI Research License', 'Mistral Research License', 'MRL-0.1'],
    tags: ['mrl'],
  },
  ...ccRules(),
];

/** Creative Commons non-commercial 4.0: notices only (full texts are SPDX texts). */
function ccRules(): AiRule[] {
  const rows: readonly [string, string, string][] = [
    ['CC-BY-NC-4.0', 'Attribution-NonCommercial', 'by-nc'],
    ['CC-BY-NC-SA-4.0', 'Attribution-NonCommercial-ShareAlike', 'by-nc-sa'],
    ['CC-BY-NC-ND-4.0', 'Attribution-NonCommercial-NoDerivatives', 'by-nc-nd'],
  ];
  return rows.map(([id, words, short]) => ({
    id,
    family: 'cc',
    titles: [],
    noticeOnly: true,
    names: [
      `Creative Commons ${words} 4.0 International`,
      `Creative Commons ${words} 4.0`,
      ...(short === 'by-nc-nd' ? [`Creative Commons Attribution-NonCommercial-NoDerivs 4.0`] : []),
      `CC ${short.toUpperCase()} 4.0`,
      `creativecommons.org/licenses/${short}/4.0`,
    ],
    tags: [id],
  }));
}

/**
 * Phrases of the Creative Commons legal code: when present, the full text is there and
 * match.ts identifies it, so CC notices are not reported again.
 */
export const CC_FULL_TEXT: readonly string[] = [
  'By exercising the Licensed Rights (defined below), You accept and agree to be bound by the terms and conditions of this Creative Commons',
];

/** Words that, just before a licence name, make the mention a grant or notice. */
export const GRANT_WORDS: ReadonlySet<string> = new Set([
  'under',
  'subject',
  'governed',
  'pursuant',
  'license',
  'licenses',
  'licensed',
]);
