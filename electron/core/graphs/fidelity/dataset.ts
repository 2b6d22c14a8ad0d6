import { readFile } from 'node:fs/promises';
import { datasetItemSchema, type DatasetItem } from '../../../../shared/graph';
import { describeZodError, fail, ok, type Result } from '../../../../shared/result';
import { errorMessage } from '../../log';

/** Reads an eval dataset (JSONL: prompt, answer, task, …); a bad line is named by its number. */
export async function readDataset(path: string, limit = Infinity): Promise<Result<DatasetItem[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return fail('not-found', `Cannot read dataset ${path}: ${errorMessage(error)}`);
  }
  const items: DatasetItem[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length && items.length < limit; index++) {
    const line = lines[index]?.trim();
    if (!line) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return fail('invalid-args', `${path}:${index + 1}: not valid JSON`);
    }
    const parsed = datasetItemSchema.safeParse(json);
    if (!parsed.success)
      return fail('invalid-args', `${path}:${index + 1}: ${describeZodError(parsed.error)}`);
    items.push(parsed.data);
  }
  return items.length > 0 ? ok(items) : fail('invalid-args', `${path} holds no prompts`);
}
