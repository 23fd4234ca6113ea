import type {
  IAuthenticateGeneric,
  ICredentialTestRequest,
  ICredentialType,
  Icon,
  INodeProperties,
} from 'n8n-workflow';

/**
 * The API root the credential test calls, in n8n's expression language (the nodes use core's
 * `resolveBaseUrl`, which also accepts a pasted address): a custom base URL gets `/1.0` when it has
 * no path; otherwise `https://<account>.api.<host>/1.0`.
 */
const API_ROOT =
  "={{ $credentials.host === 'custom' " +
  "? ($credentials.baseUrl.trim().replace(/\\/+$/, '').match(/^[a-z]+:\\/\\/[^/]+$/i) " +
  "? $credentials.baseUrl.trim().replace(/\\/+$/, '') + '/1.0' : $credentials.baseUrl.trim().replace(/\\/+$/, '')) " +
  ": 'https://' + $credentials.account.trim().toLowerCase().replace(/^[a-z]+:\\/\\//, '').split('.')[0] + '.api.' + $credentials.host + '/1.0' }}";

export class RingCxApi implements ICredentialType {
  name = 'ringCxApi';

  displayName = 'RingCX API';

  icon: Icon = { light: 'file:../icons/ringcx.svg', dark: 'file:../icons/ringcx.dark.svg' };

  documentationUrl =
    'https://github.com/ringcx-connectors/ringcx-connectors/tree/main/packages/n8n-nodes-ringcx#credentials';

  properties: INodeProperties[] = [
    {
      displayName: 'Host',
      name: 'host',
      type: 'options',
      options: [
        { name: 'digital.ringcentral.com (RingCX)', value: 'digital.ringcentral.com' },
        { name: 'engagement.dimelo.com (Older Accounts)', value: 'engagement.dimelo.com' },
        { name: 'Custom Base URL', value: 'custom' },
      ],
      default: 'digital.ringcentral.com',
      description:
        'Where your account lives: the end of the address you open RingCX at. Choose Custom Base URL for a sandbox or a proxy.',
    },
    {
      displayName: 'Account',
      name: 'account',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. acme',
      description: 'The first part of your RingCX address: acme for https://acme.digital.ringcentral.com',
      displayOptions: { hide: { host: ['custom'] } },
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. http://127.0.0.1:4010',
      description:
        'The API root to call instead of the account address. /1.0 is added when the URL has no path.',
      displayOptions: { show: { host: ['custom'] } },
    },
    {
      displayName: 'Access Token',
      name: 'accessToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description:
        'An API access token from RingCX Admin → API access tokens. The nodes act as the user it belongs to.',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
  };

  test: ICredentialTestRequest = {
    request: { baseURL: API_ROOT, url: '/users/me', method: 'GET' },
    rules: [
      {
        type: 'responseCode',
        properties: {
          value: 401,
          message:
            'The account answered, but refused the access token: check that the token exists and is enabled in RingCX Admin → API access tokens.',
        },
      },
      {
        type: 'responseCode',
        properties: {
          value: 404,
          message:
            'No RingCX API answers at this address: check the account name and the host (or the base URL).',
        },
      },
    ],
  };
}
