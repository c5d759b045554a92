import { defineFeature } from '../../platform/feature.js';

/** Synthetic workers and the demo users (`payung demo`, `payung serve --demo`); no routes. */
export const feature = defineFeature({ name: 'demo' });

export { seedDemoWorkers } from './demo.service.js';
export {
  DEMO_PASSWORD,
  demoUsers,
  demoUsersText,
  demoUsersWithPublishedPassword,
  seedDemoUsers,
} from './demo.users.js';
