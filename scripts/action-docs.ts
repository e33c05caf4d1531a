/** The README's table of the action's inputs and outputs, rendered from action.yml between its markers. */
import { parse } from 'yaml';
import { replaceBetween, table } from './docs.ts';

export const ACTION_START = '<!-- action:start -->';
export const ACTION_END = '<!-- action:end -->';

interface ActionMetadata {
  inputs?: Record<string, { description?: string; default?: string | boolean | number; required?: boolean }>;
  outputs?: Record<string, { description?: string }>;
}

const code = (text: string) => `\`${text}\``;

/** Markdown for the inputs and outputs of action.yml's text. */
export function actionTable(actionYml: string): string {
  const action = parse(actionYml) as ActionMetadata;
  const inputs = Object.entries(action.inputs ?? {}).map(([name, input]) => [
    code(name),
    input.default === undefined ? '' : code(String(input.default)),
    input.description ?? '',
  ]);
  const outputs = Object.entries(action.outputs ?? {}).map(([name, output]) => [code(name), output.description ?? '']);
  return `${table(['Input', 'Default', 'Description'], inputs)}\n\n${table(['Output', 'Description'], outputs)}\n`;
}

/** The README with the current table between the markers; undefined when the markers are missing. */
export function withActionTable(readme: string, actionYml: string): string | undefined {
  return replaceBetween(readme, ACTION_START, ACTION_END, actionTable(actionYml));
}
