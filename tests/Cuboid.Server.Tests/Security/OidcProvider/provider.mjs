import Provider from "oidc-provider";

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const groups = { alice: ["analysts"], bob: ["analysts", "admins"] };
const provider = new Provider(`http://localhost:${port}`, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
  claims: { openid: ["sub"], profile: ["name"], groups: ["groups"] },
  scopes: ["openid", "profile", "groups"],
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, name: id, groups: groups[id] ?? [] }) }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["cuboid-test"] },
});
provider.listen(Number(port), () => console.log("ready"));
