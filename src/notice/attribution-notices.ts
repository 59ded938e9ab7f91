/**
 * The attribution notices AI model licences require, word for word, and the lines they require
 * displayed. The knowledge base cites the clause (`src/analyzers/license/knowledge/`); a notice
 * file must carry the exact sentence, so it is written out here from each licence's text
 * (Llama §1.b.iii, LLaMA 1 §3, Tongyi Qianwen §3(c)/§3(b)). The tests check every sentence
 * against the licence texts of the corpus.
 */

/** Licence id → the attribution notice its clause quotes. */
export const ATTRIBUTION_NOTICES: Readonly<Record<string, string>> = {
  'LicenseRef-llama1':
    'LLaMA is licensed under the LLaMA License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.',
  'LicenseRef-llama2':
    'Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.',
  'LicenseRef-llama3':
    'Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.',
  'LicenseRef-llama3.1':
    'Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.',
  'LicenseRef-llama3.2':
    'Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.',
  'LicenseRef-llama3.3':
    'Llama 3.3 is licensed under the Llama 3.3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.',
  'LicenseRef-llama4':
    'Llama 4 is licensed under the Llama 4 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.',
  'LicenseRef-tongyi-qianwen':
    'Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved.',
  'LicenseRef-tongyi-qianwen-research':
    'Tongyi Qianwen is licensed under the Tongyi Qianwen RESEARCH LICENSE AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved.',
  'LicenseRef-gemma':
    'Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms',
};
