import Provider from "oidc-provider";

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const groups = { alice: ["analysts"], bob: ["analysts", "admins"] };
const provider = new Provider(`http://localhost:${port}`, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code", "client_credentials"], response_types: ["code"] }],
  claims: { openid: ["sub"], profile: ["name"], groups: ["groups"] },
  scopes: ["openid", "profile", "groups"],
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, name: id, groups: groups[id] ?? [] }) }),
  features: {
    devInteractions: { enabled: true },
    // Services get JWT access tokens for the session's API (audience urn:cuboid) with the client-credentials grant.
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => "urn:cuboid",
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: "api", audience: "urn:cuboid", accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } }),
    },
  },
  cookies: { keys: ["cuboid-test"] },
});
provider.listen(Number(port), () => console.log("ready"));
