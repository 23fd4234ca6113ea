import { idField } from '../common.ts';

export const interventionIdField = (description: string) =>
  idField('interventionId', 'Intervention ID', description, 'e.g. {{ $json.id }}');
