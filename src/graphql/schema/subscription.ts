import { filter, pipe } from 'graphql-yoga';
import type { ArticleChangeEvent } from '../../server/events.ts';
import type { Context } from '../context.ts';
import { builder } from '../builder.ts';
import { resolveKeyOrId } from '../global-id.ts';
import { ArticleRef } from './refs.ts';

const ArticleChangeKind = builder.enumType('ArticleChangeKind', {
  values: ['CREATED', 'UPDATED', 'DELETED'] as const,
});

const ArticleChangeEventRef = builder.objectRef<ArticleChangeEvent>('ArticleChangeEvent').implement({
  description: 'One applied change to one article.',
  fields: (t) => ({
    kind: t.field({ type: ArticleChangeKind, resolve: (e) => e.kind }),
    articleId: t.globalID({ description: 'Global id of the Article.', resolve: (e) => ({ type: 'Article', id: e.articleId }) }),
    sourcePath: t.exposeString('sourcePath'),
    version: t.exposeInt('version', { description: "The article's version after the change." }),
    sequence: t.exposeInt('sequence', { description: 'Store-wide sequence number of the change, strictly increasing.' }),
    changedAt: t.field({ type: 'DateTime', resolve: (e) => new Date(e.changedAt) }),
    personSlugs: t.exposeStringList('personSlugs', { description: 'People of the article before and after the change.' }),
    topicSlugs: t.exposeStringList('topicSlugs', { description: 'Topics of the article before and after the change.' }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'The article as served now; null for DELETED (or when it is gone again by delivery).',
      resolve: (e, _args, ctx) => (e.kind === 'DELETED' ? null : ctx.store.get(e.articleId)),
    }),
  }),
});

const ArticleChangeFilter = builder.inputType('ArticleChangeFilter', {
  description: 'Every given condition must hold; person and topic match the article before or after the change.',
  fields: (t) => ({
    ids: t.idList({ description: 'Article global ids (or source paths).' }),
    person: t.string({ description: 'A person slug or Person global id.' }),
    topic: t.string({ description: 'A topic slug or Topic global id.' }),
  }),
});

type ChangeFilter = { ids?: (string | number)[] | null; person?: string | null; topic?: string | null };

builder.subscriptionField('articleChanged', (t) =>
  t.field({
    type: ArticleChangeEventRef,
    description: 'Articles created, updated or deleted from now on, optionally filtered.',
    args: { filter: t.arg({ type: ArticleChangeFilter }) },
    // Ids are checked here, once, so a bad id fails the subscription instead of silently matching nothing.
    subscribe: (_root, args, ctx) => pipe(ctx.bus.subscribe(), filter(createChangeMatcher(args.filter ?? {}, ctx))),
    resolve: (event) => event,
  }),
);

/** Builds the predicate for one subscription's filter, resolving global ids to store keys. */
function createChangeMatcher(f: ChangeFilter, ctx: Context): (e: ArticleChangeEvent) => boolean {
  const ids = f.ids ? new Set(f.ids.map((id) => resolveKeyOrId('Article', String(id), (p) => ctx.store.get(p) !== null))) : null;
  const person = f.person == null ? null : resolveKeyOrId('Person', f.person, (s) => ctx.store.getPerson(s) !== null);
  const topic = f.topic == null ? null : resolveKeyOrId('Topic', f.topic, (s) => ctx.store.getTopic(s) !== null);
  return (e) =>
    (!ids || ids.has(e.articleId)) && (person === null || e.personSlugs.includes(person)) && (topic === null || e.topicSlugs.includes(topic));
}
