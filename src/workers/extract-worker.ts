/** Worker thread body: extracts articles for the pool in extract-pool.ts. Pure core in, structured clone out. */
import { parentPort } from 'node:worker_threads';
import { compact, type CompactExtraction } from '../core/body.ts';
import { extractArticle } from '../core/extract-article.ts';
import { articleTerms, packTerms, type PackedTerms } from '../core/terms.ts';

export interface ExtractRequest { id: number; text: string; sourcePath: string }
/** The extraction (body left out), with the article's related-articles vocabulary counted here rather than on the main thread. */
export type ExtractResponse = { id: number; extraction: CompactExtraction; terms: PackedTerms | null } | { id: number; error: string };

parentPort?.on('message', (req: ExtractRequest) => {
  let res: ExtractResponse;
  try {
    const extraction = extractArticle(req.text, req.sourcePath);
    res = { id: req.id, extraction: compact(extraction), terms: extraction.article ? packTerms(articleTerms(extraction.article)) : null };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  parentPort?.postMessage(res);
});
