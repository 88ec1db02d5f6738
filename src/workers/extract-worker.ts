/** Worker thread body: extracts articles for the pool in extract-pool.ts. Pure core in, structured clone out. */
import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../core/extract-article.ts';
import { articleTerms, packTerms, type PackedTerms } from '../core/terms.ts';
import type { Extraction } from '../core/types.ts';

export interface ExtractRequest { id: number; text: string; sourcePath: string }
/** The extraction, with the article's related-articles vocabulary counted here rather than on the main thread. */
export type ExtractResponse = { id: number; extraction: Extraction; terms: PackedTerms | null } | { id: number; error: string };

parentPort?.on('message', (req: ExtractRequest) => {
  let res: ExtractResponse;
  try {
    const extraction = extractArticle(req.text, req.sourcePath);
    res = { id: req.id, extraction, terms: extraction.article ? packTerms(articleTerms(extraction.article)) : null };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  parentPort?.postMessage(res);
});
