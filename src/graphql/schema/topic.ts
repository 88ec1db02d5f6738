import { builder } from '../builder.ts';
import { topicArticleCursors, topicCursors } from '../cursors.ts';
import { exactlyOneArg } from '../errors.ts';
import { decodeIdOf, entityKey } from '../global-id.ts';
import { paginate } from '../paginate.ts';
import { ArticleConnection } from './connection.ts';
import { ArticleRef, ArticleTopicRef, TopicRef } from './refs.ts';

const TopicKind = builder.enumType('TopicKind', {
  values: ['PLACE', 'ORGANIZATION', 'PERSON', 'SUBJECT'] as const,
});

builder.node(TopicRef, {
  description: 'A salient topic (place, organisation, person, subject), aggregated across the store.',
  id: { resolve: (topic) => topic.slug },
  loadWithoutCache: (slug, ctx) => ctx.store.getTopic(slug),
  fields: (t) => ({
    name: t.exposeString('name'),
    slug: t.exposeString('slug', { description: 'Normalised key: one topic across the store.' }),
    kind: t.field({ type: TopicKind, resolve: (topic) => topic.kind }),
    articleCount: t.int({ resolve: (topic) => topic.articles.length }),
    articles: t.connection(
      {
        type: ArticleRef,
        description: 'Articles with the topic, most salient first.',
        resolve: (topic, args) => paginate(topic.articles, args, topicArticleCursors(topic.slug)),
      },
      ArticleConnection,
    ),
  }),
});

ArticleTopicRef.implement({
  description: 'A topic as one article has it, with its salience there.',
  fields: (t) => ({
    topic: t.field({ type: TopicRef, nullable: true, resolve: (at, _args, ctx) => ctx.store.getTopic(at.slug) }),
    name: t.exposeString('name'),
    kind: t.field({ type: TopicKind, resolve: (at) => at.kind }),
    score: t.exposeFloat('score', { description: 'Salience in this article, 0..1.' }),
  }),
});

// A federation entity, keyed by global id or by slug.
builder.asEntity(TopicRef, {
  key: [builder.selection<{ id: string }>('id'), builder.selection<{ slug: string }>('slug')],
  resolveReference: (ref, ctx) => ctx.loaders.topic.load('slug' in ref && ref.slug ? ref.slug : entityKey('Topic', ref)),
});

builder.queryField('topic', (t) =>
  t.field({
    type: TopicRef,
    nullable: true,
    description: 'One topic by exactly one of: global id, slug. Null when there is none.',
    args: { id: t.arg.id(), slug: t.arg.string() },
    resolve: (_root, args, ctx) => {
      const [by, value] = exactlyOneArg('topic', { id: args.id?.toString(), slug: args.slug });
      return ctx.store.getTopic(by === 'id' ? decodeIdOf('Topic', value) : value);
    },
  }),
);

builder.queryField('topics', (t) =>
  t.connection(
    {
      type: TopicRef,
      description: 'Topics, most widely used first; `kind` keeps one kind.',
      args: { kind: t.arg({ type: TopicKind }) },
      resolve: (_root, args, ctx) => {
        const all = ctx.store.listTopics();
        return paginate(args.kind ? all.filter((topic) => topic.kind === args.kind) : all, args, topicCursors);
      },
    },
    { name: 'TopicConnection' },
    { name: 'TopicEdge' },
  ),
);
