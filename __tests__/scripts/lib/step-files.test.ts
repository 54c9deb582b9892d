/** What npm run demo and npm run local show of a step once it ran (scripts/lib/step-files.ts). */
import { describe, expect, it } from '@jest/globals'
import { finalOutputs, summaryAsText } from '../../../scripts/lib/step-files.js'

describe('step files', () => {
  it("keeps each output's last value, in the order outputs were first written", () => {
    const file = [
      'invalidation-ids<<ghadelimiter_1',
      '[]',
      'ghadelimiter_1',
      'status<<ghadelimiter_2',
      'InProgress',
      'ghadelimiter_2',
      'invalidation-ids<<ghadelimiter_3',
      '["I1"]',
      'ghadelimiter_3',
      'empty<<ghadelimiter_4',
      '',
      'ghadelimiter_4',
      'status<<ghadelimiter_5',
      'Completed',
      'ghadelimiter_5',
      ''
    ].join('\n')
    expect([...finalOutputs(file)]).toEqual([
      ['invalidation-ids', '["I1"]'],
      ['status', 'Completed'],
      ['empty', '']
    ])
  })

  it('shows a summary as text: tables aligned, no Markdown or HTML marks', () => {
    expect(
      summaryAsText('## Changes to <code>s3://b/</code>\n\n| A | Bb |\n| ---: | --- |\n| 1 | **2** |\n')
    ).toBe('Changes to s3://b/\n\nA  Bb\n1  2\n')
  })
})
