import { DateTimeResolver } from 'graphql-scalars';
import { builder } from '../builder.ts';

// RFC 3339 date-times: serialised as strings, parsed into Date.
builder.addScalarType('DateTime', DateTimeResolver);
