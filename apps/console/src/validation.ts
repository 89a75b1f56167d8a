// Loaded on demand (dynamic import): rebuilding zod schemas from the API's JSON schemas needs zod,
// about a third of the console's JavaScript, and no page needs it before the first form input.
export { fieldIssues, requestSchema } from '@chainloom/sdk';
