import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileDetection, hits, which } from '../testing';

const sel = (body: string): string => `    selection:\n${body}\n    condition: selection`;

describe('strings: case, wildcards, escapes', () => {
  it('compares case-insensitively unless |cased', () => {
    assert.deepEqual(which(sel("        Image: 'C:\\Windows\\cmd.exe'"), [{ Image: 'c:\\windows\\CMD.EXE' }, { Image: 'C:\\Windows\\cmd.exe.bak' }]), [0]);
    assert.deepEqual(which(sel("        Image|cased: 'Cmd.exe'"), [{ Image: 'cmd.exe' }, { Image: 'Cmd.exe' }]), [1]);
  });

  it('treats * and ? as wildcards', () => {
    assert.deepEqual(which(sel("        F: 'a*c'"), [{ F: 'ac' }, { F: 'abbbc' }, { F: 'abd' }, { F: 'xabc' }]), [0, 1]);
    assert.deepEqual(which(sel("        F: 'a?c'"), [{ F: 'ac' }, { F: 'abc' }, { F: 'abbc' }]), [1]);
    assert.ok(hits(sel("        F: 'a*'"), { F: 'a\nb' }), 'wildcards cross line breaks');
  });

  it('honours escapes: \\* \\? \\\\ and a plain backslash', () => {
    assert.deepEqual(which(sel("        F: 'a\\*c'"), [{ F: 'a*c' }, { F: 'abc' }]), [0]);
    assert.deepEqual(which(sel("        F: 'a\\?c'"), [{ F: 'a?c' }, { F: 'abc' }]), [0]);
    // `\\*` is a backslash followed by a wildcard.
    assert.deepEqual(which(sel("        F: 'a\\\\*'"), [{ F: 'a\\xyz' }, { F: 'axyz' }]), [0]);
    // A backslash before an ordinary character is itself; `\\` is one backslash too.
    assert.ok(hits(sel("        F: 'C:\\Windows\\'"), { F: 'C:\\Windows\\' }));
    assert.ok(hits(sel("        F: 'C:\\\\Windows'"), { F: 'C:\\Windows' }));
    // Three backslashes before a star: a backslash and a plain star.
    assert.deepEqual(which(sel("        F: 'a\\\\\\*'"), [{ F: 'a\\*' }, { F: 'a\\x' }]), [0]);
  });

  it("distinguishes '' (empty), null (absent or null) and missing fields", () => {
    const events = [{ F: '' }, { F: null }, {}, { F: 'x' }];
    assert.deepEqual(which(sel("        F: ''"), events), [0]);
    assert.deepEqual(which(sel('        F: null'), events), [1, 2]);
    assert.deepEqual(which(sel('        F|contains: x'), events), [3]);
  });

  it('compares numbers and numeric strings by their text', () => {
    const events = [{ EventID: 3 }, { EventID: '3' }, { EventID: 33 }, { EventID: '03' }];
    assert.deepEqual(which(sel('        EventID: 3'), events), [0, 1]);
    assert.deepEqual(which(sel("        EventID: '3'"), events), [0, 1]);
    assert.deepEqual(which(sel("        Initiated: 'true'"), [{ Initiated: true }, { Initiated: 'True' }, { Initiated: false }]), [0, 1]);
  });

  it('matches any element of an array value', () => {
    assert.ok(hits(sel('        Tags|contains: evil'), { Tags: ['good', 'very evil'] }));
    assert.ok(!hits(sel('        Tags|contains: evil'), { Tags: ['good'] }));
  });
});

describe('lists, |all, maps', () => {
  it('ORs list values and ANDs them with |all', () => {
    const events = [{ C: 'a b' }, { C: 'a' }, { C: 'b' }, { C: 'c' }];
    assert.deepEqual(which(sel('        C|contains:\n            - a\n            - b'), events), [0, 1, 2]);
    assert.deepEqual(which(sel('        C|contains|all:\n            - a\n            - b'), events), [0]);
  });

  it('|all with one value is that value', () => {
    assert.deepEqual(which(sel('        C|contains|all: a'), [{ C: 'xay' }, { C: 'b' }]), [0]);
    assert.deepEqual(which(sel('        C|contains|all:\n            - a'), [{ C: 'xay' }, { C: 'b' }]), [0]);
  });

  it('ANDs the items of a map and ORs a list of maps', () => {
    const events = [{ A: '1', B: '2' }, { A: '1', B: 'x' }, { A: 'x', B: '2' }, { C: '3' }];
    assert.deepEqual(which(sel("        A: '1'\n        B: '2'"), events), [0]);
    assert.deepEqual(which(sel("        - A: '1'\n          B: '2'\n        - C: '3'"), events), [0, 3]);
  });

  it('mixes null with other values in a list', () => {
    assert.deepEqual(which(sel("        F:\n            - null\n            - ''"), [{}, { F: '' }, { F: 'a' }]), [0, 1]);
  });
});

describe('position modifiers', () => {
  const events = [{ F: 'abcdef' }, { F: 'xxabc' }, { F: 'defxx' }];
  it('contains, startswith, endswith', () => {
    assert.deepEqual(which(sel('        F|startswith: abc'), events), [0]);
    assert.deepEqual(which(sel('        F|endswith: abc'), events), [1]);
    assert.deepEqual(which(sel('        F|contains: cde'), events), [0]);
    assert.deepEqual(which(sel("        F|endswith: 'c*f'"), events), [0]);
  });
  it('a long endswith list (pooled test) matches exactly the listed suffixes', () => {
    const list = ['.t.me', 'pastebin.com', 'x0.at', 'ab', 'dropbox.com', 'pages.dev'].map((d) => `            - '${d}'`).join('\n');
    const evs = ['bot.t.me', 'PASTEBIN.COM', 'notpastebin.com', 'x0.at', 'gitlab', 'example.org', 'dropbox.co', 'foo.pages.dev', ''].map((h) => ({ H: h }));
    assert.deepEqual(which(sel(`        H|endswith:\n${list}`), evs), [0, 1, 2, 3, 4, 7]);
  });
});

describe('|re', () => {
  it('is case-sensitive by default, with i, m and s flags', () => {
    assert.deepEqual(which(sel("        F|re: '^abc$'"), [{ F: 'abc' }, { F: 'ABC' }]), [0]);
    assert.deepEqual(which(sel("        F|re|i: '^abc$'"), [{ F: 'abc' }, { F: 'ABC' }]), [0, 1]);
    assert.deepEqual(which(sel("        F|re: '^b$'"), [{ F: 'a\nb' }]), []);
    assert.deepEqual(which(sel("        F|re|m: '^b$'"), [{ F: 'a\nb' }]), [0]);
    assert.deepEqual(which(sel("        F|re: 'a.b'"), [{ F: 'a\nb' }]), []);
    assert.deepEqual(which(sel("        F|re|s: 'a.b'"), [{ F: 'a\nb' }]), [0]);
  });
  it('accepts a leading PCRE (?i) and reports a broken regex as a warning', () => {
    assert.ok(hits(sel("        F|re: '(?i)^abc'"), { F: 'ABCD' }));
    const rule = compileDetection(sel("        F|re: '(unclosed'"));
    assert.ok(rule.warnings.some((w) => w.includes('does not compile')));
  });
});

describe('|cidr', () => {
  it('IPv4 networks', () => {
    const events = ['10.1.2.3', '11.0.0.1', '192.168.1.77', 'not-an-ip', '10.1.2'].map((ip) => ({ Ip: ip }));
    assert.deepEqual(which(sel("        Ip|cidr:\n            - '10.0.0.0/8'\n            - '192.168.1.64/26'"), events), [0, 2]);
  });
  it('IPv6 networks, including compressed forms and IPv4-mapped addresses', () => {
    const events = ['2001:db8::1', '2001:0db8:0000:0000:0000:0000:0000:00ff', '2001:db9::1', 'fe80::1%eth0', '::ffff:10.0.0.1'].map((ip) => ({ Ip: ip }));
    assert.deepEqual(which(sel("        Ip|cidr: '2001:db8::/32'"), events), [0, 1]);
    assert.deepEqual(which(sel("        Ip|cidr: 'fe80::/10'"), events), [3]);
    assert.deepEqual(which(sel("        Ip|cidr: '10.0.0.0/8'"), events), [4]);
  });
});

describe('encodings', () => {
  const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
  it('|base64 encodes the whole value', () => {
    assert.ok(hits(sel("        F|base64: 'http://'"), { F: b64('http://') }));
    assert.ok(hits(sel("        F|base64|contains: 'http://'"), { F: 'x ' + b64('http://') + ' y' }));
  });
  it('|base64offset finds the value at each of the three byte offsets', () => {
    const rule = sel("        F|base64offset|contains: 'http://evil'");
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
      assert.ok(hits(rule, { F: b64(prefix + 'http://evil' + 'tail') }), `offset ${prefix.length % 3}`);
      assert.ok(hits(rule, { F: b64(prefix + 'http://evil') }), `offset ${prefix.length % 3}, at the end`);
    }
    assert.ok(!hits(rule, { F: b64('http://good') }));
  });
  it('UTF-16 encodings before base64 (wide, utf16le, utf16be, utf16 with BOM)', () => {
    const le = Buffer.from('IEX (New-Object)', 'utf16le');
    assert.ok(hits(sel("        F|wide|base64offset|contains: 'IEX'"), { F: le.toString('base64') }));
    assert.ok(hits(sel("        F|utf16le|base64offset|contains: 'New-Object'"), { F: Buffer.concat([Buffer.from([0x20, 0]), le]).toString('base64') }));
    const be = Buffer.from(le).swap16();
    assert.ok(hits(sel("        F|utf16be|base64: 'IEX (New-Object)'"), { F: be.toString('base64') }));
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    assert.ok(hits(sel("        F|utf16|base64: 'IEX (New-Object)'"), { F: bom.toString('base64') }));
    assert.ok(!hits(sel("        F|utf16be|base64: 'IEX (New-Object)'"), { F: le.toString('base64') }));
  });
  it('|windash accepts -, /, en dash, em dash and horizontal bar at flag positions', () => {
    const rule = sel("        CommandLine|windash|contains: ' -enc '");
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) assert.ok(hits(rule, { CommandLine: `powershell ${dash}enc AAAA ` }), JSON.stringify(dash));
    assert.ok(!hits(rule, { CommandLine: 'powershell +enc AAAA ' }));
    // Only flag dashes vary: a dash inside a word stays a dash.
    assert.deepEqual(which(sel("        C|windash|contains: 'x-y'"), [{ C: 'x-y' }, { C: 'x/y' }]), [0]);
    assert.ok(hits(sel("        C|windash: '-a -b'"), { C: '/a \u2014b' }), 'every flag varies independently');
  });
});

describe('numbers, field references, existence, placeholders, time', () => {
  it('gt, gte, lt, lte on numbers and numeric strings', () => {
    const events = [{ N: 5 }, { N: '10' }, { N: 15 }, { N: 'abc' }, { N: '' }, {}];
    assert.deepEqual(which(sel('        N|gt: 5'), events), [1, 2]);
    assert.deepEqual(which(sel('        N|gte: 10'), events), [1, 2]);
    assert.deepEqual(which(sel('        N|lt: 10'), events), [0]);
    assert.deepEqual(which(sel('        N|lte: 10'), events), [0, 1]);
  });
  it('|fieldref compares with another field (case-insensitively), |neq negates', () => {
    const events = [{ A: 'x', B: 'X' }, { A: 'x', B: 'y' }, { A: 'x' }];
    assert.deepEqual(which(sel('        A|fieldref: B'), events), [0]);
    assert.deepEqual(which(sel('        A|fieldref|neq: B'), events), [1, 2]);
    assert.deepEqual(which(sel('        A|neq: x'), [{ A: 'x' }, { A: 'y' }, {}]), [1, 2]);
  });
  it('|exists checks presence, whatever the value (null included)', () => {
    const events = [{ F: 'x' }, { F: null }, { F: '' }, {}];
    assert.deepEqual(which(sel('        F|exists: true'), events), [0, 1, 2]);
    assert.deepEqual(which(sel('        F|exists: false'), events), [3]);
  });
  it('|expand replaces configured placeholders and never matches unconfigured ones', () => {
    const placeholders = { Servers: ['srv*', 'dc01'] };
    assert.deepEqual(which(sel("        Host|expand: '%Servers%'"), [{ Host: 'SRV-12' }, { Host: 'dc01' }, { Host: 'ws1' }], { placeholders }), [0, 1]);
    assert.deepEqual(which(sel("        Host|expand: 'x\\%Servers%'"), [{ Host: 'x%Servers%' }], { placeholders }), [0]);
    const rule = compileDetection(sel("        Host|expand: '%Admins%'"));
    assert.ok(rule.warnings.some((w) => w.includes('%Admins%')));
    assert.deepEqual(which(sel("        Host|expand: '%Admins%'"), [{ Host: '%Admins%' }]), []);
    // Without |expand a percent value is literal.
    assert.ok(hits(sel("        Host: '%Servers%'"), { Host: '%servers%' }));
  });
  it('time modifiers read UTC parts of a timestamp', () => {
    const events = [{ T: '2024-03-05 22:10:00.000' }, { T: '2024-03-05T08:00:00Z' }];
    assert.deepEqual(which(sel('        T|hour: 22'), events), [0]);
    assert.deepEqual(which(sel('        T|hour|lt: 9'), events), [1]);
    assert.deepEqual(which(sel('        T|month: 3'), events), [0, 1]);
  });
});

describe('keywords', () => {
  it('a plain list matches anywhere in any value, case-insensitively', () => {
    const det = "    keywords:\n        - 'no dot1x port-control'\n        - 'EVIL'\n    condition: keywords";
    assert.deepEqual(which(det, [{ message: 'User:admin logged command:no dot1x port-control' }, { a: { b: ['x evil y'] } }, { message: 'fine' }]), [0, 1]);
  });
  it("'|all' keywords must all appear, and keyword wildcards work", () => {
    const det = "    keywords:\n        '|all':\n            - 'OabVirtualDirectory'\n            - ' -ExternalUrl '\n    condition: keywords";
    assert.deepEqual(which(det, [{ m: 'Set-OabVirtualDirectory -ExternalUrl x' }, { m: 'Set-OabVirtualDirectory' }]), [0]);
    assert.ok(hits("    keywords:\n        - 'foo*bar'\n    condition: keywords", { m: 'xx foo 1 bar yy' }));
  });
});

describe('unknown modifiers', () => {
  it('never match and say why, instead of guessing a plain comparison', () => {
    const rule = compileDetection("    selection:\n        DestinationHostname|endwith: 'pastebin.com'\n    condition: selection");
    assert.ok(
      rule.warnings.some((w) => /unknown modifier 'endwith'.*never matches/.test(w)),
      rule.warnings.join('; '),
    );
    assert.equal(
      hits("    selection:\n        DestinationHostname|endwith: 'pastebin.com'\n    condition: selection", { DestinationHostname: 'pastebin.com' }),
      false,
    );
    assert.equal(
      hits("    selection:\n        DestinationHostname|endswith: 'pastebin.com'\n    condition: selection", { DestinationHostname: 'pastebin.com' }),
      true,
    );
  });
});
