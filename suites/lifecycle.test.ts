import { defineSequenceSuite } from '../src/run/sequence-suite.js';

await defineSequenceSuite();
