import type { APIRoute } from 'astro';

// The desk and private status pages are not for crawlers; everything else is.
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', site ?? 'http://localhost:4321').href;
  const body = [
    'User-agent: *',
    'Disallow: /desk/',
    'Disallow: /ask/status/',
    'Allow: /',
    '',
    `Sitemap: ${sitemap}`,
    '',
  ];
  return new Response(body.join('\n'), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
