import { describe, expect, it } from 'vitest';
import {
  cardSections,
  contentWords,
  MAX_SECTION_TEXT,
  normaliseHeading,
  sectionsOfHeading,
  transparencyOf,
  type SectionId,
} from './sections.js';

/** The status of every section, as `id: status` lines (easy to read in a failing diff). */
function statuses(body: string): Record<string, string> {
  return Object.fromEntries(cardSections(body).map((s) => [s.id, s.status]));
}

describe('sectionsOfHeading', () => {
  it.each<[string, SectionId[]]>([
    // The Hugging Face template's headings.
    ['Uses', ['uses']],
    ['Direct Use', ['uses']],
    ['Downstream Use [optional]', ['uses']],
    ['Out-of-Scope Use', ['out-of-scope-use']],
    ['Bias, Risks, and Limitations', ['bias-risks-limitations']],
    ['Recommendations', ['bias-risks-limitations']],
    ['Training Data', ['training-data']],
    ['Training Procedure', ['training-procedure']],
    ['Training Details', ['training-procedure']],
    ['Evaluation', ['evaluation']],
    ['Testing Data, Factors & Metrics', ['evaluation']],
    ['Environmental Impact', ['environmental-impact']],
    ['Citation', ['citation']],
    ['Model Card Contact', ['contact']],
    // Variants of older and hand-written cards.
    ['Intended uses & limitations', ['uses', 'bias-risks-limitations']],
    ['Limitations and bias', ['bias-risks-limitations']],
    ['Training and evaluation data', ['training-data']],
    ['Training hyperparameters', ['training-procedure']],
    ['Eval results', ['evaluation']],
    ['BibTeX entry and citation info', ['citation']],
    ['📊 Benchmarks', ['evaluation']],
    ['3. Ethical Considerations', ['bias-risks-limitations']],
    ['**Carbon Emissions**', ['environmental-impact']],
    ['[Contact](https://example.org)', ['contact']],
    ['Prohibited uses', ['out-of-scope-use']],
    // Not sections.
    ['How to use', []],
    ['Usage', []],
    ['Model Details', []],
    ['Framework versions', []],
    ['Training results', ['training-procedure']],
    ['', []],
  ])('%j → %j', (heading, ids) => {
    expect(sectionsOfHeading(heading)).toEqual(ids);
  });

  it('normalises markup, numbering and ampersands', () => {
    expect(normaliseHeading('1.2 **Intended** _Uses_ & <b>Limits</b>')).toBe(
      'intended uses and limits',
    );
  });
});

describe('contentWords', () => {
  it.each([
    ['[More Information Needed]', 0],
    ['<!-- Provide a longer summary. -->\n\n[More Information Needed]\n', 0],
    ['More information needed', 0],
    ['{{ direct_use | default("[More Information Needed]", true)}}', 0],
    ['TBD', 0],
    ['| --- | --- |', 0],
    ['The model may produce biased text.', 6],
    ['<!-- a comment --> Two words', 2],
    ['- **Hardware Type:** [More Information Needed]\n**BibTeX:**', 0],
    ['- **Hardware Type:** 8 A100', 4],
  ])('%j → %i', (text, words) => {
    expect(contentWords(text)).toBe(words);
  });
});

const TEMPLATE_EMPTY = `# Model Card for Model ID

<!-- Provide a quick summary of what the model is/does. -->

## Model Details

### Model Description

- **Developed by:** [More Information Needed]

## Uses

### Direct Use

[More Information Needed]

### Out-of-Scope Use

[More Information Needed]

## Bias, Risks, and Limitations

[More Information Needed]

### Recommendations

Users (both direct and downstream) should be made aware of the risks, biases and limitations of the model. More information needed for further recommendations.

## Training Details

### Training Data

[More Information Needed]

### Training Procedure

#### Training Hyperparameters

- **Training regime:** [More Information Needed]

## Evaluation

### Testing Data, Factors & Metrics

#### Testing Data

[More Information Needed]

### Results

[More Information Needed]

## Environmental Impact

Carbon emissions can be estimated using the [Machine Learning Impact calculator](https://mlco2.github.io/impact#compute) presented in [Lacoste et al. (2019)](https://arxiv.org/abs/1910.09700).

- **Hardware Type:** [More Information Needed]

## Citation

**BibTeX:**

[More Information Needed]

## Model Card Contact

[More Information Needed]
`;

describe('cardSections', () => {
  it('reads the Hugging Face template left unfilled (its default sentences included) as empty', () => {
    expect(statuses(TEMPLATE_EMPTY)).toEqual({
      uses: 'empty',
      'out-of-scope-use': 'empty',
      'bias-risks-limitations': 'empty',
      'training-data': 'empty',
      // "- **Training regime:** [More Information Needed]" is a label without a value.
      'training-procedure': 'empty',
      evaluation: 'empty',
      'environmental-impact': 'empty',
      citation: 'empty',
      contact: 'empty',
    });
  });

  it('a parent heading does not borrow the content of a sub-section of another kind', () => {
    const body = `## Training Details

### Training Data

The model was trained on 2T tokens of public web text.

### Training Procedure

[More Information Needed]
`;
    const byId = Object.fromEntries(cardSections(body).map((s) => [s.id, s]));
    expect(byId['training-data']).toMatchObject({ status: 'present', heading: 'Training Data' });
    expect(byId['training-procedure']?.status).toBe('empty');
  });

  it('reads a filled, older-style card with setext and bold-label headings', () => {
    const body = `Intended uses & limitations
---------------------------

Use it for English sentiment analysis. It reflects the biases of movie reviews.

**Training data:**

IMDB reviews, 50k.

## Evaluation results

| metric | value |
| --- | --- |
| accuracy | 0.93 |

\`\`\`bibtex
# Citation
@article{x}
\`\`\`

### Citation

@article{smith2020, title={A model}}

Contact: ask on the forum
`;
    expect(statuses(body)).toEqual({
      uses: 'present',
      'out-of-scope-use': 'absent',
      'bias-risks-limitations': 'present',
      'training-data': 'present',
      'training-procedure': 'absent',
      evaluation: 'present',
      'environmental-impact': 'absent',
      citation: 'present',
      contact: 'absent',
    });
  });

  it('ignores headings inside fenced code and HTML comments', () => {
    const body = '```\n## Uses\nrun it\n```\n<!--\n## Citation\ntext\n-->\n';
    expect(cardSections(body).every((s) => s.status === 'absent')).toBe(true);
  });

  it('prefers a later heading with content over an earlier empty one, and reports file lines', () => {
    const body = '## Uses\n\nTBD\n\n## Intended use\n\nChat assistants.\n';
    const uses = cardSections(body, 10).find((s) => s.id === 'uses');
    expect(uses).toEqual({
      id: 'uses',
      status: 'present',
      heading: 'Intended use',
      line: 15,
      words: 2,
      text: 'Chat assistants.',
    });
  });
});

describe('section text', () => {
  it('keeps the content as plain lines, without comments, placeholders and markup', () => {
    const body =
      '## Out-of-Scope Use\n\n<!-- template hint -->\n\n- Medical advice.\n- <b>Legal</b> advice.\n\n[More Information Needed]\n';
    expect(cardSections(body).find((s) => s.id === 'out-of-scope-use')?.text).toBe(
      '- Medical advice.\n- Legal advice.',
    );
  });

  it('clips long sections and leaves empty ones without text', () => {
    const long = `## Uses\n\n${'word '.repeat(1000)}\n\n## Citation\n\nTBD\n`;
    const sections = cardSections(long);
    const uses = sections.find((s) => s.id === 'uses');
    expect(uses?.text?.length).toBeLessThanOrEqual(MAX_SECTION_TEXT + 1);
    expect(uses?.text?.endsWith('…')).toBe(true);
    expect(sections.find((s) => s.id === 'citation')).not.toHaveProperty('text');
  });
});

describe('transparencyOf', () => {
  it('counts present sections over expected and lists the others', () => {
    const summary = transparencyOf(
      cardSections('## Uses\n\nChat.\n\n## Citation\n\n@misc{x}\n\n## Evaluation\n\nTBD\n'),
    );
    expect(summary).toEqual({
      present: 2,
      expected: 9,
      score: 0.22,
      missing: [
        'bias-risks-limitations',
        'contact',
        'environmental-impact',
        'evaluation',
        'out-of-scope-use',
        'training-data',
        'training-procedure',
      ],
    });
  });

  it('is zero for a card without body', () => {
    expect(transparencyOf(cardSections('')).score).toBe(0);
  });
});
