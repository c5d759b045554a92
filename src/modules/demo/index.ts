import { defineFeature } from '../../platform/feature.js';

/** Synthetic workers, the demo users, sponsors and open programmes (`payung demo`, `payung serve --demo`); no routes. */
export const feature = defineFeature({
  name: 'demo',
  commands: {
    demo: {
      help: 'demo --workers N                          add N synthetic workers',
      order: 10,
      run: async (argv, io) => (await import('./demo.cli.js')).demoCommand(argv, io),
    },
  },
});

export { seedDemoEnrolments } from './demo.enrolments.js';
export { seedDemoWorkers } from './demo.service.js';
export { demoSponsors, seedDemoProgrammes, seedDemoSponsors } from './demo.sponsors.js';
export {
  DEMO_PASSWORD,
  demoUsers,
  demoUsersText,
  demoUsersWithPublishedPassword,
  seedDemoUsers,
} from './demo.users.js';
