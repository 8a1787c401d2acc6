// An off-the-shelf OAuth client (openid-client, on jose) gets an access token from the gateway with client
// credentials and private_key_jwt, using a private JWK file exactly as the gateway wrote it, and nothing else it is
// told about the gateway: the issuer URL leads it to the metadata (RFC 8414 / OpenID discovery).
// usage: node token.mjs <issuer-url> <client-id> <private-key.jwk> [scope]
import { readFile } from 'node:fs/promises';
import * as client from 'openid-client';
import { importJWK } from 'jose';

const [issuer, clientId, keyFile, scope = 'exchange'] = process.argv.slice(2);
if (!keyFile) {
  console.error('usage: node token.mjs <issuer-url> <client-id> <private-key.jwk> [scope]');
  process.exit(2);
}

const jwk = JSON.parse(await readFile(keyFile, 'utf8'));
const key = await importJWK(jwk, jwk.alg ?? 'ES256');
const insecure = new URL(issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
const config = await client.discovery(new URL(issuer), clientId, undefined, client.PrivateKeyJwt({ key, kid: jwk.kid }), insecure);
const tokens = await client.clientCredentialsGrant(config, { scope });
console.log(tokens.access_token);
