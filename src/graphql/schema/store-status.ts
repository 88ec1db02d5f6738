import type { StoredArticle } from '../../store/model.ts';
import type { Context } from '../context.ts';
import { builder } from '../builder.ts';
import { ArticleRef, DiagnosticRef, FileProblemRef } from './refs.ts';

const LoadPhase = builder.enumType('LoadPhase', {
  values: {
    LOADING: { description: 'The initial scan is running: queries answer from the articles read so far.' },
    READY: { description: 'Every file of the initial scan has been read.' },
  } as const,
});

const ArticleWarningRef = builder.objectRef<StoredArticle>('ArticleWarning').implement({
  description: 'An article served with content warnings.',
  fields: (t) => ({
    sourcePath: t.exposeString('sourcePath'),
    diagnostics: t.field({ type: [DiagnosticRef], resolve: (a) => a.diagnostics }),
    article: t.field({ type: ArticleRef, resolve: (a) => a }),
  }),
});

// Backed by the context itself: the store and the load status are what this type reports on.
const SeedStoreRef = builder.objectRef<Context>('SeedStore').implement({
  description: 'The seed folder being served: load progress, counts and file problems.',
  fields: (t) => ({
    root: t.string({ description: 'Absolute path of the seed folder.', resolve: (c) => c.status.root }),
    phase: t.field({ type: LoadPhase, resolve: (c) => c.status.phase }),
    filesTotal: t.int({ description: 'Files found by the initial scan so far.', resolve: (c) => c.status.filesTotal }),
    filesDone: t.int({ description: 'Files of the initial scan read so far.', resolve: (c) => c.status.filesDone }),
    startedAt: t.field({ type: 'DateTime', resolve: (c) => c.status.startedAt }),
    readyAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.status.readyAt }),
    articleCount: t.int({ resolve: (c) => c.store.stats().articleCount }),
    personCount: t.int({ resolve: (c) => c.store.stats().personCount }),
    topicCount: t.int({ resolve: (c) => c.store.stats().topicCount }),
    quoteCount: t.int({ resolve: (c) => c.store.stats().quoteCount }),
    problemCount: t.int({ resolve: (c) => c.store.stats().problemCount }),
    sequence: t.int({ description: 'Sequence number of the last applied change.', resolve: (c) => c.store.sequence }),
    problems: t.field({
      type: [FileProblemRef],
      description: 'Every file that could not be read or parsed, with its reasons, by path.',
      resolve: (c) => c.store.listProblems(),
    }),
    warnings: t.field({
      type: [ArticleWarningRef],
      description: 'Articles served with content warnings, by path.',
      resolve: (c) => c.store.queryArticles().filter((a) => a.diagnostics.length > 0),
    }),
  }),
});

builder.queryField('seedStore', (t) => t.field({ type: SeedStoreRef, resolve: (_root, _args, ctx) => ctx }));
