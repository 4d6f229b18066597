import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'tldts';
import { sharedPath, skipWithoutShared } from '../../../../test/shared-data';
import { allPopularParents, allServices, fileExtensionTlds, lookupService, popularParent } from './catalog';

const CATEGORIES = [
  'paste',
  'code-hosting',
  'cloud-storage',
  'file-transfer',
  'messaging-bot-api',
  'webhook',
  'tunnel',
  'serverless-hosting',
  'dynamic-dns',
  'url-shortener',
  'social',
];

describe('web-service catalog', () => {
  it('has at least 60 services, each well-formed with a stated source', () => {
    const services = allServices();
    assert.ok(services.length >= 60, `${services.length} services`);
    const seen = new Set<string>();
    for (const s of services) {
      assert.ok(CATEGORIES.includes(s.category), `${s.name}: category ${s.category}`);
      assert.ok(['subdomain', 'path', false].includes(s.multiTenant), s.name);
      assert.ok(['top', 'high', 'medium', 'low'].includes(s.popularity), s.name);
      assert.ok(s.sources.length > 0, `${s.name} has no source`);
      for (const d of s.domains) {
        assert.equal(d, d.toLowerCase().trim(), d);
        assert.ok(!seen.has(d), `${d} listed twice`);
        seen.add(d);
      }
    }
  });
  it('names every service the issue lists', () => {
    for (const host of [
      'api.github.com',
      'raw.githubusercontent.com',
      'gist.githubusercontent.com',
      'www.dropbox.com',
      'drive.google.com',
      'storage.googleapis.com',
      'x.firebaseio.com',
      'api.telegram.org',
      'discord.com',
      'pastebin.com',
      'rentry.co',
      'paste.ee',
      'hastebin.com',
      'api.notion.com',
      'graph.microsoft.com',
      'onedrive.live.com',
      'terabox.com',
      'sync.com',
      'a.onehub.com',
      'filemail.com',
      'file.io',
      'a.ngrok.io',
      'a.localto.net',
      'a.devtunnels.ms',
      'mega.nz',
      'transfer.sh',
      'a.workers.dev',
      'a.trycloudflare.com',
    ]) {
      assert.ok(lookupService(host), host);
    }
  });
  it('every psl-private source is a private suffix in tldts, and firebaseio.com is multi-tenant off the list', () => {
    for (const s of allServices())
      for (const src of s.sources.filter((x) => x.kind === 'psl-private')) {
        const p = parse(src.ref, { allowPrivateDomains: true });
        assert.ok(p.isPrivate && p.publicSuffix === src.ref, `${s.name}: ${src.ref}`);
      }
    const fb = lookupService('proj.firebaseio.com')!;
    assert.equal(fb.service.multiTenant, 'subdomain');
    assert.notEqual(parse('firebaseio.com', { allowPrivateDomains: true }).isPrivate, true);
  });
  it('every sigmahq source is a SigmaHQ rule that names the domain', { skip: skipWithoutShared('corpus/sigmahq') }, () => {
    const root = sharedPath('corpus', 'sigmahq');
    for (const s of allServices())
      for (const src of s.sources.filter((x) => x.kind === 'sigmahq')) {
        const p = join(root, src.ref);
        assert.ok(existsSync(p), `${s.name}: ${src.ref} missing`);
        assert.ok(readFileSync(p, 'utf8').toLowerCase().includes(src.names!), `${src.ref} does not name ${src.names}`);
      }
  });
  it('every technique hint exists in ATT&CK v19', { skip: skipWithoutShared('attack/v19/techniques-v19.json') }, () => {
    const raw = JSON.parse(readFileSync(sharedPath('attack', 'v19', 'techniques-v19.json'), 'utf8')) as { techniques?: { id: string }[] } | { id: string }[];
    const list = Array.isArray(raw)
      ? raw
      : (Object.values(raw).find((v): v is { id: string }[] => Array.isArray(v) && typeof v[0] === 'object' && v[0] !== null && 'id' in v[0]) ?? []);
    const ids = new Set(list.map((t) => t.id));
    assert.ok(ids.size > 500);
    for (const s of allServices()) for (const t of s.techniques) assert.ok(ids.has(t), `${s.name}: ${t}`);
  });
  it('looks up by longest label-aligned suffix, case- and trailing-dot-insensitive', () => {
    assert.equal(lookupService('RAW.GitHubUserContent.com.')?.service.name, 'GitHub raw content');
    assert.equal(lookupService('avatars.githubusercontent.com')?.service.name, 'GitHub user content');
    assert.equal(lookupService('evilworkers.dev'), null);
    assert.equal(lookupService(''), null);
    assert.equal(popularParent('mail.google.com')?.domain, 'google.com');
    assert.ok(allPopularParents().length > 10);
    assert.ok(fileExtensionTlds().has('zip'));
  });
});
