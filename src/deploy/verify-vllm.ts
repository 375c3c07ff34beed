// Checks a running vLLM server against its preset: the model and its length from /v1/models, vLLM's metrics.
import { httpGet, httpGetJson } from '../util/http-get.ts';
import { check, type ExpectedServer, type VerifyCheck } from './verify.ts';

interface ModelList {
  data?: { id?: string; max_model_len?: number }[];
}

/** The checks for a vLLM server at `baseUrl`: model served, max_model_len, `vllm:` metrics exported. */
export async function vllmChecks(baseUrl: string, expected: ExpectedServer): Promise<VerifyCheck[]> {
  const models = (await httpGetJson(`${baseUrl}/v1/models`, 10_000)) as ModelList;
  const listed = Array.isArray(models.data) ? models.data : [];
  // vLLM names the model as it was given (a path or a hub id) unless --served-model-name says otherwise.
  const served = listed.find((m) => m.id === expected.model) ?? listed[0];
  const metrics = await httpGet(`${baseUrl}/metrics`, { timeoutMs: 10_000 });
  const names = new Set(
    [...metrics.text.matchAll(/^(vllm:[A-Za-z0-9_:]+)/gm)].map((m) =>
      (m[1] ?? '').replace(/_(bucket|count|sum)$/, ''),
    ),
  );
  return [
    check(
      'model served (/v1/models)',
      expected.model ?? '(any)',
      expected.model === undefined ? '(any)' : served?.id,
    ),
    check('context per request (/v1/models max_model_len)', expected.ctxPerSlot, served?.max_model_len),
    check(
      'vllm: metrics (/metrics)',
      'exported',
      metrics.status === 200 && names.has('vllm:num_requests_running')
        ? 'exported'
        : `HTTP ${metrics.status}, ${names.size} vllm: metrics`,
    ),
  ];
}
