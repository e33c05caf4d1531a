import { createUniverse } from 'fortistate';

export const universe = createUniverse({ id: 'prod', substrate: undefined });
