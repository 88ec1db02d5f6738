import { builder } from '../builder.ts';

// The root types; their fields are added by the type files.
builder.queryType({});
builder.subscriptionType({});
