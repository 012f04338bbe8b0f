import { defineMethodGroupSuite } from '../src/run/suite.js';

await defineMethodGroupSuite('supplier');
