/** Until the web app lands (issue 7), the root page points people at the API. */
export const landingPage = (version: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lectern</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
code{background:#f0f4f8;padding:.1rem .3rem;border-radius:3px}a{color:#0b6bcb}</style></head>
<body>
<h1>Lectern <small style="font-weight:normal;color:#627d98">${version}</small></h1>
<p>The training management system is running. The web app is not built yet; everything is available through the API.</p>
<ul>
<li><a href="/api/docs">API reference</a> (try requests with your API token)</li>
<li><a href="/api/v1/openapi.json">OpenAPI 3.1 document</a></li>
<li><a href="/api/v1/health">Health</a></li>
</ul>
<p>Create a token with <code>npx lectern token create --role admin</code>.</p>
</body></html>`;
