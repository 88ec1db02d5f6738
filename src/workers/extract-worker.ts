/** Worker thread body: extracts articles for the pool in extract-pool.ts. Pure core in, structured clone out. */
import { parentPort } from 'node:worker_threads';
import { compact, type CompactExtraction } from '../core/body.ts';
import { extractArticle } from '../core/extract-article.ts';
import { lexiconJson } from '../core/lexicon.ts';
import { articleTerms, packTerms, type PackedTerms } from '../core/terms.ts';

/** Extract one file's text, or hand over the lexicon this worker loaded (as JSON, see `lexiconJson`). */
export type ExtractRequest = { id: number; text: string; sourcePath: string } | { id: number; lexicon: true };
/** The extraction (body left out), with the article's related-articles vocabulary counted here rather than on the main thread. */
export type ExtractResponse =
  | { id: number; extraction: CompactExtraction; terms: PackedTerms | null }
  | { id: number; lexicon: string }
  | { id: number; error: string };

parentPort?.on('message', (req: ExtractRequest) => {
  let res: ExtractResponse;
  try {
    if ('lexicon' in req) {
      res = { id: req.id, lexicon: lexiconJson() };
    } else {
      const extraction = extractArticle(req.text, req.sourcePath);
      res = { id: req.id, extraction: compact(extraction), terms: extraction.article ? packTerms(articleTerms(extraction.article)) : null };
    }
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  parentPort?.postMessage(res);
});
