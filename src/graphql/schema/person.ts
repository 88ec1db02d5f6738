import type { PersonEntry } from '../../store/model.ts';
import { builder } from '../builder.ts';
import { byPathCursors, peopleCursors, quoteCursors } from '../cursors.ts';
import { exactlyOneArg } from '../errors.ts';
import { decodeIdOf, entityKey } from '../global-id.ts';
import { paginate } from '../paginate.ts';
import { ArticleConnection, QuoteConnection } from './connection.ts';
import { ArticleRef, PersonRef, QuoteRef } from './refs.ts';

builder.node(PersonRef, {
  description: 'One real person, aggregated across every article that mentions them.',
  id: { resolve: (p) => p.slug },
  loadWithoutCache: (slug, ctx) => ctx.store.getPerson(slug),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The fullest form of the name the articles use.' }),
    slug: t.exposeString('slug', { description: "Slug of the name: the person's key across the store." }),
    aliases: t.exposeStringList('aliases', { description: 'Other forms the articles use (surname, title + surname, ...).' }),
    roles: t.exposeStringList('roles', { description: 'Roles and titles as the articles state them.' }),
    mentionCount: t.exposeInt('mentionCount', { description: 'References to the person across all articles.' }),
    articleCount: t.int({ resolve: (p) => p.articles.length }),
    articles: t.connection(
      {
        type: ArticleRef,
        description: 'Articles mentioning the person, by source path.',
        resolve: (p, args) => paginate(p.articles, args, byPathCursors),
      },
      ArticleConnection,
    ),
    quotes: t.connection(
      {
        type: QuoteRef,
        description: "The person's quotes, by source path.",
        resolve: (p, args, ctx) => paginate(ctx.store.listQuotes(p.slug), args, quoteCursors),
      },
      QuoteConnection,
    ),
  }),
});

// A federation entity, keyed by global id or by slug.
builder.asEntity(PersonRef, {
  key: [builder.selection<{ id: string }>('id'), builder.selection<{ slug: string }>('slug')],
  resolveReference: (ref, ctx) => ctx.loaders.person.load('slug' in ref && ref.slug ? ref.slug : entityKey('Person', ref)),
});

builder.queryField('person', (t) =>
  t.field({
    type: PersonRef,
    nullable: true,
    description: 'One person by exactly one of: global id, slug. Null when there is none.',
    args: { id: t.arg.id(), slug: t.arg.string() },
    resolve: (_root, args, ctx) => {
      const [by, value] = exactlyOneArg('person', { id: args.id?.toString(), slug: args.slug });
      return ctx.store.getPerson(by === 'id' ? decodeIdOf('Person', value) : value);
    },
  }),
);

builder.queryField('people', (t) =>
  t.connection(
    {
      type: PersonRef,
      description: 'Everyone mentioned in the store, by name; `search` keeps those whose name or an alias contains it.',
      args: { search: t.arg.string() },
      resolve: (_root, args, ctx) => {
        const needle = args.search ? fold(args.search.trim()) : '';
        const people = ctx.store.listPeople();
        return paginate(needle ? people.filter((p) => matches(p, needle)) : people, args, peopleCursors);
      },
    },
    { name: 'PersonConnection' },
    { name: 'PersonEdge' },
  ),
);

function matches(person: PersonEntry, needle: string): boolean {
  return [person.name, ...person.aliases].some((name) => fold(name).includes(needle));
}

/** Case- and accent-insensitive form, so "jose" finds "José". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
