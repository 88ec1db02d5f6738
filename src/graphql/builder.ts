import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.ts';
import { decodeNodeId } from './global-id.ts';

/** The schema builder: plugins and typing only; every type lives in its own file under schema/. */
export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { DateTime: { Input: Date; Output: Date | string } };
  /** Every connection resolver returns the size of the whole list, served as `totalCount`. */
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
}>({
  // Federation last: it reads the types the others define.
  plugins: [DirectivePlugin, RelayPlugin, FederationPlugin],
  // Non-null unless a field says otherwise: most of the domain is always present.
  defaultFieldNullability: false,
  relay: {
    nodesOnConnection: true,
    decodeGlobalID: (globalId) => decodeNodeId(globalId),
  },
});
