import { decodeGlobalID } from '@pothos/plugin-relay';
import { badUserInput } from './errors.ts';

/** The Node types of the schema: a global id naming any other type is refused before a loader runs. */
export const NODE_TYPENAMES = ['Article', 'Person', 'Topic', 'Quote'] as const;

export type NodeTypename = (typeof NODE_TYPENAMES)[number];

/**
 * Decodes a Relay global id, turning every malformed id into BAD_USER_INPUT. Pothos' own decoder throws a
 * code-less validation error, and an unknown typename would otherwise reach the type registry and fail there.
 */
export function decodeNodeId(globalId: string): { typename: NodeTypename; id: string } {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw badUserInput(`Invalid global id "${globalId}": expected a base64 "Type:id" value.`);
  }
  const typename = NODE_TYPENAMES.find((t) => t === decoded.typename);
  if (!typename) {
    throw badUserInput(`Invalid global id "${globalId}": "${decoded.typename}" is not a Node type (${NODE_TYPENAMES.join(', ')}).`);
  }
  return { typename, id: decoded.id };
}

/** Decodes a global id that must name one type: a well-formed id of another type is BAD_USER_INPUT too. */
export function decodeIdOf(typename: NodeTypename, globalId: string): string {
  const decoded = decodeNodeId(globalId);
  if (decoded.typename !== typename) {
    throw badUserInput(`Global id "${globalId}" is a ${decoded.typename} id, but an id of type ${typename} was expected.`);
  }
  return decoded.id;
}

/**
 * Reads a value that is either a slug/path or a global id of `typename`. The raw form wins when `exists` knows it,
 * so a slug that happens to be valid base64 is never mistaken for an id.
 */
export function resolveKeyOrId(typename: NodeTypename, value: string, exists: (key: string) => boolean): string {
  if (exists(value)) return value;
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(value);
  } catch {
    return value;
  }
  if (decoded.typename === typename) return decoded.id;
  if ((NODE_TYPENAMES as readonly string[]).includes(decoded.typename)) {
    throw badUserInput(`Global id "${value}" is a ${decoded.typename} id, but an id of type ${typename} (or its key) was expected.`);
  }
  return value;
}

/** The store key of an entity representation `{ id }` (a global id of `typename`); BAD_USER_INPUT otherwise. */
export function entityKey(typename: NodeTypename, ref: { id?: string } | object): string {
  const id = 'id' in ref && typeof ref.id === 'string' ? ref.id : null;
  if (!id) throw badUserInput(`A ${typename} representation needs one of its keys.`);
  return decodeIdOf(typename, id);
}
