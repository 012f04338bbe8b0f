import { stringField, variantOf } from './read.js';
import type { SequenceRecorder } from './recorder.js';
import { describeOutcome } from './recorder.js';

/** Form of a minted API key: `partly_` and 32 lowercase hex characters. */
const MINTED_KEY_PATTERN = /^partly_[0-9a-f]{32}$/;

async function expectVariant(
  recorder: SequenceRecorder,
  body: unknown,
  variant: string,
  rule: string,
): Promise<void> {
  const {
    status,
    body: answer,
    exchange,
  } = await recorder.call('integrations.insert', 'none', body);
  if (status === 200) {
    recorder.fail('auth', rule, {
      message: 'the install was accepted',
      expected: variant,
      actual: describeOutcome(exchange),
    });
  }
  if (variantOf(answer) !== variant) {
    recorder.breach('warning', 'auth', rule, {
      message: 'the install was rejected with another variant',
      expected: variant,
      actual: describeOutcome(exchange),
    });
  }
}

/**
 * Runs the OAuth install: the grant mints a key pair once per tenant, the pair authenticates, and the
 * spent code, a wrong secret and an unknown client each get their variant.
 */
export async function runInstall(recorder: SequenceRecorder): Promise<void> {
  const grant = recorder.session.options.credentials.oauth;
  const body = {
    access_code: grant.accessCode,
    client_id: grant.clientId,
    client_secret: grant.clientSecret,
  };
  const minted = await recorder.expectOk('integrations.insert', 'none', body);
  const apiKey = stringField(minted, 'api_key');
  const integrationId = stringField(minted, 'integration_id');
  if (apiKey === undefined || integrationId === undefined) {
    recorder.fail('auth', 'an install returns a key pair', {
      message: 'api_key or integration_id is missing',
      expected: 'api_key and integration_id',
      actual: 'a body without them',
    });
  }
  if (!MINTED_KEY_PATTERN.test(apiKey)) {
    recorder.fail('auth', 'a minted key is partly_ and 32 hex characters', {
      message: 'the minted key has another form',
      expected: 'partly_ followed by 32 lowercase hex characters',
      actual: `${apiKey.length} characters`,
    });
  }
  recorder.session.headers.setMinted({ apiKey, integrationId });
  await recorder.expectOk('businesses.list', 'minted', {});
  const { status, exchange } = await recorder.call('repairer.work-providers.list', 'minted', {});
  if (status !== 200) {
    recorder.breach('warning', 'auth', 'the minted credential acts as a repairer', {
      message: 'the minted pair cannot list work providers',
      expected: '200',
      actual: describeOutcome(exchange),
    });
  }
  await expectVariant(recorder, body, 'invalid_access_code', 'a spent access code is refused');
  await expectVariant(
    recorder,
    { ...body, client_secret: 'not-the-secret' },
    'invalid_client_secret',
    'a wrong client secret is refused',
  );
  await expectVariant(
    recorder,
    { ...body, client_id: 'partly_client_unknown' },
    'integration_not_found',
    'an unknown client is refused',
  );
}
