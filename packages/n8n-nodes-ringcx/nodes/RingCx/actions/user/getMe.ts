import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';

export const description: INodeProperties[] = [];

export const execute: Operation['execute'] = async function (client) {
  return await client.users.me();
};
