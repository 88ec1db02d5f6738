import type { ArticlePerson, ArticleTopic } from '../core/types.ts';
import type { PersonEntry, QuoteRef, StoredArticle, TopicEntry } from './model.ts';

/** Cross-article views derived from the articles; rebuilt lazily after a change. */
export interface Aggregates {
  people: Map<string, PersonEntry>;
  peopleSorted: PersonEntry[];
  topics: Map<string, TopicEntry>;
  topicsSorted: TopicEntry[];
  quotes: QuoteRef[];
  /** Person slug → that person's quotes. */
  quotesBySpeaker: Map<string, QuoteRef[]>;
}

/** Builds the aggregates from articles given in source-path order (one pass, linear in mentions). */
export function createAggregates(articles: StoredArticle[]): Aggregates {
  const people = new Map<string, PersonEntry>();
  const topicHits = new Map<string, { topic: ArticleTopic; hits: { article: StoredArticle; score: number }[] }>();
  const quotes: QuoteRef[] = [];
  const quotesBySpeaker = new Map<string, QuoteRef[]>();

  for (const article of articles) {
    const slugByName = new Map<string, string>();
    for (const mention of article.people) {
      slugByName.set(mention.name, mention.slug);
      addMention(people, article, mention);
    }
    for (const topic of article.topics) {
      const entry = topicHits.get(topic.slug) ?? { topic, hits: [] };
      entry.hits.push({ article, score: topic.score });
      topicHits.set(topic.slug, entry);
    }
    for (const quote of article.quotes) {
      const ref: QuoteRef = { id: `${article.id}#${quote.index}`, article, quote };
      quotes.push(ref);
      const slug = quote.speaker === null ? undefined : slugByName.get(quote.speaker);
      if (slug) (quotesBySpeaker.get(slug) ?? quotesBySpeaker.set(slug, []).get(slug)!).push(ref);
    }
  }

  const topics = new Map<string, TopicEntry>();
  for (const [slug, { topic, hits }] of topicHits) {
    hits.sort((a, b) => b.score - a.score);
    topics.set(slug, { slug, name: topic.name, kind: topic.kind, articles: hits.map((h) => h.article) });
  }
  return {
    people,
    peopleSorted: [...people.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.slug < b.slug ? -1 : 1)),
    topics,
    topicsSorted: [...topics.values()].sort((a, b) => b.articles.length - a.articles.length || (a.slug < b.slug ? -1 : 1)),
    quotes,
    quotesBySpeaker,
  };
}

function addMention(people: Map<string, PersonEntry>, article: StoredArticle, mention: ArticlePerson): void {
  let entry = people.get(mention.slug);
  if (!entry) {
    entry = { slug: mention.slug, name: mention.name, aliases: [], roles: [], mentionCount: 0, articles: [], mentions: [] };
    people.set(mention.slug, entry);
  }
  // Same slug, so the same name up to case and accents: keep the form with the most capitals/accents.
  if (richness(mention.name) > richness(entry.name)) entry.name = mention.name;
  entry.mentionCount += mention.mentionCount;
  entry.articles.push(article);
  entry.mentions.push(mention);
  for (const alias of mention.aliases) if (!entry.aliases.includes(alias)) entry.aliases.push(alias);
  for (const role of mention.roles) if (!entry.roles.includes(role)) entry.roles.push(role);
}

function richness(name: string): number {
  return name.replace(/[a-z\s]/g, '').length;
}
