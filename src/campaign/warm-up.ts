// Warm-up requests before a server cell's load: the first requests after a (re)start pay for loading weights
// and filling caches, and would otherwise count against the first cell.
import { streamChat } from '../demo-chat/stream-chat.ts';

export interface WarmUpResult {
  sent: number;
  failed: number;
  /** The first failure's message, if any. */
  firstError?: string;
}

/** Sends `count` short chats to `baseUrl`, up to `parallel` at a time; never throws. */
export async function warmUp(
  baseUrl: string,
  count: number,
  options: { model: string; maxTokens?: number; parallel?: number; timeoutMs?: number },
): Promise<WarmUpResult> {
  const result: WarmUpResult = { sent: 0, failed: 0 };
  const parallel = Math.max(1, Math.min(count, options.parallel ?? 4));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      result.sent += 1;
      try {
        const chat = await streamChat({
          baseUrl,
          prompt: 'Warm up: say something short.',
          maxTokens: options.maxTokens ?? 8,
          model: options.model,
          ignoreEos: true,
          timeoutMs: options.timeoutMs ?? 60_000,
        });
        if (chat.status !== 200) throw new Error(`HTTP ${chat.status}`);
      } catch (error) {
        result.failed += 1;
        result.firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return result;
}
