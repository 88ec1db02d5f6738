import { GraphQLError } from 'graphql';

/** An expected failure caused by the request: served to the client as is, with `extensions.code`. */
export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Checks that exactly one of the lookup arguments is given, and returns its name and value. */
export function exactlyOneArg<K extends string>(field: string, args: Record<K, string | null | undefined>): [K, string] {
  const given = (Object.keys(args) as K[]).filter((k) => args[k] != null);
  if (given.length !== 1) {
    const names = Object.keys(args).map((k) => `\`${k}\``).join(', ');
    throw badUserInput(`\`${field}\` takes exactly one of ${names}, but got ${given.length}${given.length ? `: ${given.join(', ')}` : ''}.`);
  }
  return [given[0]!, args[given[0]!]!];
}
