// The Batch API's files and batch objects, in OpenAI's shapes (openai-python types/batch.py, file_object.py).

export interface SimFile {
  readonly id: string;
  readonly object: 'file';
  readonly bytes: number;
  readonly created_at: number;
  readonly filename: string;
  readonly purpose: string;
  readonly content: string;
}

export type BatchStatus =
  'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'cancelling' | 'cancelled';

export interface BatchError {
  code: string;
  message: string;
  line: number | null;
  param: string | null;
}

export interface SimBatch {
  id: string;
  object: 'batch';
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  expires_at: number;
  request_counts: { total: number; completed: number; failed: number };
  errors: { object: 'list'; data: BatchError[] } | null;
  metadata: Record<string, string> | null;
}

/** Files and batches of one simulator, with ids counted from 1. */
export class BatchStore {
  readonly files = new Map<string, SimFile>();
  readonly batches = new Map<string, SimBatch>();
  private nextId = 1;

  addFile(filename: string, purpose: string, content: string): SimFile {
    const file: SimFile = {
      id: `file-sim${this.nextId++}`,
      object: 'file',
      bytes: Buffer.byteLength(content),
      created_at: nowSec(),
      filename,
      purpose,
      content,
    };
    this.files.set(file.id, file);
    return file;
  }

  addBatch(inputFileId: string, endpoint: string, window: string, metadata: SimBatch['metadata']): SimBatch {
    const created = nowSec();
    const batch: SimBatch = {
      id: `batch_sim${this.nextId++}`,
      object: 'batch',
      endpoint,
      input_file_id: inputFileId,
      completion_window: window,
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      created_at: created,
      in_progress_at: null,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      cancelling_at: null,
      cancelled_at: null,
      expires_at: created + 86_400,
      request_counts: { total: 0, completed: 0, failed: 0 },
      errors: null,
      metadata,
    };
    this.batches.set(batch.id, batch);
    return batch;
  }
}

/** The file object without its content, as GET /v1/files/{id} answers. */
export function describeFile(file: SimFile): Omit<SimFile, 'content'> {
  const { content: _content, ...rest } = file;
  return rest;
}

export function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}
