// `model: generated:tiny` names the deterministic tiny GGUF (`inferload model generate`) instead of a path.
import { tinyModelPath } from '../tiny-model/tiny-llama.ts';

export const GENERATED_TINY = 'generated:tiny';

/** Whether the value asks for the generated tiny model. */
export function isGeneratedModel(model: string | undefined): boolean {
  return model === GENERATED_TINY;
}

/** The model argument to pass: the tiny model's cache path for `generated:tiny` (it may not exist yet). */
export function resolveModelPath(model: string): string {
  return isGeneratedModel(model) ? tinyModelPath() : model;
}
