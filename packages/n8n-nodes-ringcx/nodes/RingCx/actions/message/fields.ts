import { idField } from '../common.ts';

export const messageIdField = (description: string) => idField('messageId', 'Message ID', description);
