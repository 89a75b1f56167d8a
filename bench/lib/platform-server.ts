// Child entry: the benchmark platform (see platform.ts), configured by environment variables.
import { runChild } from './child';
import { servePlatform } from './platform';

runChild(async () => {
  await servePlatform();
});
