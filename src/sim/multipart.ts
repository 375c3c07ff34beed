// Just enough multipart/form-data parsing for POST /v1/files: named text fields and one uploaded file.
import { RequestError } from './http-io.ts';

export interface FormPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly text: string;
}

/** The boundary from a content-type header, or a 400 naming what was expected. */
export function readBoundary(contentType: string | undefined): string {
  const match = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new RequestError(400, 'expected a multipart/form-data body with a boundary');
  return boundary;
}

/** Splits a multipart body into its parts; a part without a name is a 400. */
export function parseMultipart(body: string, boundary: string): FormPart[] {
  const delimiter = `--${boundary}`;
  const sections = body.split(delimiter).slice(1);
  const parts: FormPart[] = [];
  for (const section of sections) {
    if (section.startsWith('--')) break;
    const headerEnd = section.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new RequestError(400, 'multipart part without headers');
    const headers = section.slice(0, headerEnd);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new RequestError(400, 'multipart part without a name');
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const text = section.slice(headerEnd + 4).replace(/\r\n$/, '');
    parts.push({ name, filename, text });
  }
  return parts;
}
