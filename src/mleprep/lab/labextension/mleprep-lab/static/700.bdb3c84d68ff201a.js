"use strict";(self.rspackChunkmleprep_lab=self.rspackChunkmleprep_lab||[]).push([[700],{646(e,r,o){var t=o(601),p=o.n(t),n=o(314),a=(o.n(n))()(p());a.push([e.id,`/* mleprep in JupyterLab. Colours come from the theme (--jp-*), except the clock's red, which must read
   as urgent on light and dark themes alike. */

.mleprep-Clock {
  align-self: center;
  margin: 0 12px 0 8px;
  padding: 2px 10px;
  border-radius: 12px;
  font: 600 13px/20px var(--jp-ui-font-family);
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
  background: var(--jp-layout-color2);
  color: var(--jp-ui-font-color1);
  border: 1px solid var(--jp-border-color1);
}

.mleprep-Clock:focus-visible {
  outline: 2px solid var(--jp-brand-color1);
}

.mleprep-Clock.mleprep-clock-urgent {
  background: #d92d20;
  color: #fff;
  border-color: #b42318;
}

.mleprep-Clock.mleprep-clock-over {
  background: #7a271a;
  color: #fff;
  border-color: #7a271a;
}

.mleprep-Clock.mleprep-clock-offline {
  opacity: 0.6;
}

.mleprep-CheckPanel,
.mleprep-MockPanel {
  color: var(--jp-ui-font-color1);
  background: var(--jp-layout-color1);
  font-family: var(--jp-ui-font-family);
  font-size: var(--jp-ui-font-size1);
  overflow: auto;
  padding: 8px 12px;
}

.mleprep-CheckPanel h2,
.mleprep-MockPanel h2 {
  font-size: var(--jp-ui-font-size3);
  margin: 4px 0 8px;
}

.mleprep-CheckPanel-list {
  list-style: none;
  margin: 0;
  padding: 0;
}

.mleprep-check {
  border-left: 4px solid var(--jp-border-color1);
  margin: 0 0 8px;
  padding: 4px 8px;
}

.mleprep-check-outcome {
  display: inline-block;
  font-weight: 600;
  margin-right: 6px;
  text-transform: uppercase;
  font-size: var(--jp-ui-font-size0);
}

.mleprep-outcome-passed { border-left-color: var(--jp-success-color1); }
.mleprep-outcome-passed .mleprep-check-outcome { color: var(--jp-success-color1); }
.mleprep-outcome-failed { border-left-color: var(--jp-error-color1); }
.mleprep-outcome-failed .mleprep-check-outcome { color: var(--jp-error-color1); }
.mleprep-outcome-error { border-left-color: var(--jp-warn-color1); }
.mleprep-outcome-error .mleprep-check-outcome { color: var(--jp-warn-color1); }
.mleprep-outcome-not-attempted .mleprep-check-outcome { color: var(--jp-ui-font-color2); }

.mleprep-check-message {
  margin: 4px 0;
  white-space: pre-wrap;
}

.mleprep-error {
  color: var(--jp-error-color1);
}

.mleprep-MockPanel-body {
  max-width: 760px;
}

.mleprep-MockPanel fieldset {
  border: 1px solid var(--jp-border-color1);
  margin: 8px 0;
}

.mleprep-MockSetup-row {
  margin: 6px 0;
}

.mleprep-MockQuestion {
  border-left: 4px solid var(--jp-brand-color1);
  margin: 8px 0;
  padding: 4px 12px;
  font-size: var(--jp-ui-font-size2);
}

.mleprep-MockClock {
  display: inline-block;
  font-weight: 600;
  font-variant-numeric: tabular-nums;
  padding: 2px 8px;
  border-radius: 10px;
  background: var(--jp-layout-color2);
}

.mleprep-MockClock.mleprep-clock-over {
  background: #d92d20;
  color: #fff;
}

.mleprep-MockAnswer {
  box-sizing: border-box;
  display: block;
  width: 100%;
  margin: 4px 0 8px;
  color: var(--jp-ui-font-color1);
  background: var(--jp-layout-color0);
  border: 1px solid var(--jp-border-color1);
  font: var(--jp-content-font-size1) / 1.5 var(--jp-content-font-family);
}

.mleprep-MockReview dt,
.mleprep-MockReport dt {
  font-weight: 600;
  margin-top: 4px;
}

.mleprep-MockReview dd,
.mleprep-MockReport dd {
  margin-left: 12px;
}

.mleprep-visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}

.mleprep-Feedback iframe {
  background: #fff;
}
`,""]),o.d(r,{},{A:a})},314(e){e.exports=function(e){var r=[];return r.toString=function(){return this.map(function(r){var o="",t=void 0!==r[5];return r[4]&&(o+="@supports (".concat(r[4],") {")),r[2]&&(o+="@media ".concat(r[2]," {")),t&&(o+="@layer".concat(r[5].length>0?" ".concat(r[5]):""," {")),o+=e(r),t&&(o+="}"),r[2]&&(o+="}"),r[4]&&(o+="}"),o}).join("")},r.i=function(e,o,t,p,n){"string"==typeof e&&(e=[[null,e,void 0]]);var a={};if(t)for(var c=0;c<this.length;c++){var l=this[c][0];null!=l&&(a[l]=!0)}for(var i=0;i<e.length;i++){var s=[].concat(e[i]);t&&a[s[0]]||(void 0!==n&&(void 0===s[5]||(s[1]="@layer".concat(s[5].length>0?" ".concat(s[5]):""," {").concat(s[1],"}")),s[5]=n),o&&(s[2]&&(s[1]="@media ".concat(s[2]," {").concat(s[1],"}")),s[2]=o),p&&(s[4]?(s[1]="@supports (".concat(s[4],") {").concat(s[1],"}"),s[4]=p):s[4]="".concat(p)),r.push(s))}},r}},601(e){e.exports=function(e){return e[1]}},72(e){var r=[];function o(e){for(var o=-1,t=0;t<r.length;t++)if(r[t].identifier===e){o=t;break}return o}function t(e,t){for(var p={},n=[],a=0;a<e.length;a++){var c=e[a],l=t.base?c[0]+t.base:c[0],i=p[l]||0,s="".concat(l," ").concat(i);p[l]=i+1;var u=o(s),d={css:c[1],media:c[2],sourceMap:c[3],supports:c[4],layer:c[5]};if(-1!==u)r[u].references++,r[u].updater(d);else{var m=function(e,r){var o=r.domAPI(r);return o.update(e),function(r){r?(r.css!==e.css||r.media!==e.media||r.sourceMap!==e.sourceMap||r.supports!==e.supports||r.layer!==e.layer)&&o.update(e=r):o.remove()}}(d,t);t.byIndex=a,r.splice(a,0,{identifier:s,updater:m,references:1})}n.push(s)}return n}e.exports=function(e,p){var n=t(e=e||[],p=p||{});return function(e){e=e||[];for(var a=0;a<n.length;a++){var c=o(n[a]);r[c].references--}for(var l=t(e,p),i=0;i<n.length;i++){var s=o(n[i]);0===r[s].references&&(r[s].updater(),r.splice(s,1))}n=l}}},659(e){var r={};e.exports=function(e,o){var t=function(e){if(void 0===r[e]){var o=document.querySelector(e);if(window.HTMLIFrameElement&&o instanceof window.HTMLIFrameElement)try{o=o.contentDocument.head}catch(e){o=null}r[e]=o}return r[e]}(e);if(!t)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");t.appendChild(o)}},540(e){e.exports=function(e){var r=document.createElement("style");return e.setAttributes(r,e.attributes),e.insert(r,e.options),r}},56(e,r,o){e.exports=function(e){var r=o.nc;r&&e.setAttribute("nonce",r)}},825(e){e.exports=function(e){if("u"<typeof document)return{update:function(){},remove:function(){}};var r=e.insertStyleElement(e);return{update:function(o){var t,p,n;t="",o.supports&&(t+="@supports (".concat(o.supports,") {")),o.media&&(t+="@media ".concat(o.media," {")),(p=void 0!==o.layer)&&(t+="@layer".concat(o.layer.length>0?" ".concat(o.layer):""," {")),t+=o.css,p&&(t+="}"),o.media&&(t+="}"),o.supports&&(t+="}"),(n=o.sourceMap)&&"u">typeof btoa&&(t+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(n))))," */")),e.styleTagTransform(t,r,e.options)},remove:function(){var e;null===(e=r).parentNode||e.parentNode.removeChild(e)}}}},113(e){e.exports=function(e,r){if(r.styleSheet)r.styleSheet.cssText=e;else{for(;r.firstChild;)r.removeChild(r.firstChild);r.appendChild(document.createTextNode(e))}}},959(e,r,o){var t=o(72),p=o.n(t),n=o(825),a=o.n(n),c=o(659),l=o.n(c),i=o(56),s=o.n(i),u=o(540),d=o.n(u),m=o(113),f=o.n(m),v=o(646),h={};h.styleTagTransform=f(),h.setAttributes=s(),h.insert=l().bind(null,"head"),h.domAPI=a(),h.insertStyleElement=d(),p()(v.A,h),v.A&&v.A.locals&&v.A.locals}}]);