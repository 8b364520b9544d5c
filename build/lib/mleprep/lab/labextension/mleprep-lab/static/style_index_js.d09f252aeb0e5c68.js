"use strict";(self.rspackChunkmleprep_lab=self.rspackChunkmleprep_lab||[]).push([["style_index_js"],{"./node_modules/css-loader/dist/cjs.js!./style/index.css"(e,r,o){var t=o("./node_modules/css-loader/dist/runtime/noSourceMaps.js"),n=o.n(t),l=o("./node_modules/css-loader/dist/runtime/api.js"),a=(o.n(l))()(n());a.push([e.id,`/* mleprep in JupyterLab. Colours come from the theme (--jp-*), except the clock's red, which must read
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
`,""]),o.d(r,{},{A:a})},"./node_modules/css-loader/dist/runtime/api.js"(e){e.exports=function(e){var r=[];return r.toString=function(){return this.map(function(r){var o="",t=void 0!==r[5];return r[4]&&(o+="@supports (".concat(r[4],") {")),r[2]&&(o+="@media ".concat(r[2]," {")),t&&(o+="@layer".concat(r[5].length>0?" ".concat(r[5]):""," {")),o+=e(r),t&&(o+="}"),r[2]&&(o+="}"),r[4]&&(o+="}"),o}).join("")},r.i=function(e,o,t,n,l){"string"==typeof e&&(e=[[null,e,void 0]]);var a={};if(t)for(var s=0;s<this.length;s++){var p=this[s][0];null!=p&&(a[p]=!0)}for(var i=0;i<e.length;i++){var c=[].concat(e[i]);t&&a[c[0]]||(void 0!==l&&(void 0===c[5]||(c[1]="@layer".concat(c[5].length>0?" ".concat(c[5]):""," {").concat(c[1],"}")),c[5]=l),o&&(c[2]&&(c[1]="@media ".concat(c[2]," {").concat(c[1],"}")),c[2]=o),n&&(c[4]?(c[1]="@supports (".concat(c[4],") {").concat(c[1],"}"),c[4]=n):c[4]="".concat(n)),r.push(c))}},r}},"./node_modules/css-loader/dist/runtime/noSourceMaps.js"(e){e.exports=function(e){return e[1]}},"./node_modules/style-loader/dist/runtime/injectStylesIntoStyleTag.js"(e){var r=[];function o(e){for(var o=-1,t=0;t<r.length;t++)if(r[t].identifier===e){o=t;break}return o}function t(e,t){for(var n={},l=[],a=0;a<e.length;a++){var s=e[a],p=t.base?s[0]+t.base:s[0],i=n[p]||0,c="".concat(p," ").concat(i);n[p]=i+1;var d=o(c),u={css:s[1],media:s[2],sourceMap:s[3],supports:s[4],layer:s[5]};if(-1!==d)r[d].references++,r[d].updater(u);else{var m=function(e,r){var o=r.domAPI(r);return o.update(e),function(r){r?(r.css!==e.css||r.media!==e.media||r.sourceMap!==e.sourceMap||r.supports!==e.supports||r.layer!==e.layer)&&o.update(e=r):o.remove()}}(u,t);t.byIndex=a,r.splice(a,0,{identifier:c,updater:m,references:1})}l.push(c)}return l}e.exports=function(e,n){var l=t(e=e||[],n=n||{});return function(e){e=e||[];for(var a=0;a<l.length;a++){var s=o(l[a]);r[s].references--}for(var p=t(e,n),i=0;i<l.length;i++){var c=o(l[i]);0===r[c].references&&(r[c].updater(),r.splice(c,1))}l=p}}},"./node_modules/style-loader/dist/runtime/insertBySelector.js"(e){var r={};e.exports=function(e,o){var t=function(e){if(void 0===r[e]){var o=document.querySelector(e);if(window.HTMLIFrameElement&&o instanceof window.HTMLIFrameElement)try{o=o.contentDocument.head}catch(e){o=null}r[e]=o}return r[e]}(e);if(!t)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");t.appendChild(o)}},"./node_modules/style-loader/dist/runtime/insertStyleElement.js"(e){e.exports=function(e){var r=document.createElement("style");return e.setAttributes(r,e.attributes),e.insert(r,e.options),r}},"./node_modules/style-loader/dist/runtime/setAttributesWithoutAttributes.js"(e,r,o){e.exports=function(e){var r=o.nc;r&&e.setAttribute("nonce",r)}},"./node_modules/style-loader/dist/runtime/styleDomAPI.js"(e){e.exports=function(e){if("u"<typeof document)return{update:function(){},remove:function(){}};var r=e.insertStyleElement(e);return{update:function(o){var t,n,l;t="",o.supports&&(t+="@supports (".concat(o.supports,") {")),o.media&&(t+="@media ".concat(o.media," {")),(n=void 0!==o.layer)&&(t+="@layer".concat(o.layer.length>0?" ".concat(o.layer):""," {")),t+=o.css,n&&(t+="}"),o.media&&(t+="}"),o.supports&&(t+="}"),(l=o.sourceMap)&&"u">typeof btoa&&(t+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(l))))," */")),e.styleTagTransform(t,r,e.options)},remove:function(){var e;null===(e=r).parentNode||e.parentNode.removeChild(e)}}}},"./node_modules/style-loader/dist/runtime/styleTagTransform.js"(e){e.exports=function(e,r){if(r.styleSheet)r.styleSheet.cssText=e;else{for(;r.firstChild;)r.removeChild(r.firstChild);r.appendChild(document.createTextNode(e))}}},"./style/index.js"(e,r,o){var t=o("./node_modules/style-loader/dist/runtime/injectStylesIntoStyleTag.js"),n=o.n(t),l=o("./node_modules/style-loader/dist/runtime/styleDomAPI.js"),a=o.n(l),s=o("./node_modules/style-loader/dist/runtime/insertBySelector.js"),p=o.n(s),i=o("./node_modules/style-loader/dist/runtime/setAttributesWithoutAttributes.js"),c=o.n(i),d=o("./node_modules/style-loader/dist/runtime/insertStyleElement.js"),u=o.n(d),m=o("./node_modules/style-loader/dist/runtime/styleTagTransform.js"),f=o.n(m),v=o("./node_modules/css-loader/dist/cjs.js!./style/index.css"),h={};h.styleTagTransform=f(),h.setAttributes=c(),h.insert=p().bind(null,"head"),h.domAPI=a(),h.insertStyleElement=u(),n()(v.A,h),v.A&&v.A.locals&&v.A.locals}}]);