import { dropTestTemplates } from './db.js';

await dropTestTemplates();
