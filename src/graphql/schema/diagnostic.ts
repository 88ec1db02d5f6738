import { builder } from '../builder.ts';
import { DiagnosticRef, FileProblemRef } from './refs.ts';

const DiagnosticSeverity = builder.enumType('DiagnosticSeverity', {
  values: ['ERROR', 'WARNING', 'INFO'] as const,
});

DiagnosticRef.implement({
  description: 'A problem found in one file, by extraction (content) or when reading it (bytes, file system).',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable machine-readable code, e.g. NOT_UTF8 or EMPTY_FILE.' }),
    severity: t.field({ type: DiagnosticSeverity, resolve: (d) => d.severity }),
    message: t.exposeString('message'),
    line: t.exposeInt('line', { nullable: true, description: '1-based line in the decoded text, when the problem has one.' }),
  }),
});

FileProblemRef.implement({
  description: 'A file that yields no article (or no new version of one), with its reasons.',
  fields: (t) => ({
    sourcePath: t.exposeString('sourcePath'),
    diagnostics: t.field({ type: [DiagnosticRef], resolve: (p) => p.diagnostics }),
    contentHash: t.exposeString('contentHash', { nullable: true }),
    since: t.field({ type: 'DateTime', resolve: (p) => p.since }),
    servingLastGood: t.exposeBoolean('servingLastGood', {
      description: 'True when an older good version of this file is still served.',
    }),
  }),
});
