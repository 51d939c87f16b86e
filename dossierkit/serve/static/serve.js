/* dossierkit serve: choose or drop a dossier, send it with a progress bar, show the
   checklist, download the assembled PDF. Plain script, no library, no build step; the page
   works without it (the form posts and the server answers with a whole page). The files
   the applicant chose stay in this page: the server keeps nothing, so they are sent again
   for the PDF. */
"use strict";

(function () {
  const form = document.getElementById("envoi");
  if (!form) return;
  const data = form.dataset;
  const lang = form.elements.lang.value;
  const folderInput = document.getElementById("dossier");
  const filesInput = document.getElementById("fichiers");
  const zone = document.getElementById("depot");
  const choice = document.getElementById("choix");
  const result = document.getElementById("resultat");
  const buttons = [document.getElementById("verifier"), document.getElementById("assembler")];
  const formProgress = {
    box: document.getElementById("avancement"),
    bar: document.getElementById("progression"),
    status: document.getElementById("etat"),
  };
  let chosen = []; // [{file, path}]

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  }

  // A text in the forms « one|many » (as dossierkit.text.counted): French takes the
  // singular below two (« 1 fichier choisi »), English only for one.
  function counted(forms, n) {
    const [one, many] = forms.split("|");
    const singular = lang === "fr" ? n < 2 : n === 1;
    return singular || many === undefined ? one : many;
  }

  function megabytes(bytes) {
    const value = (bytes / 1048576).toLocaleString(lang, { maximumFractionDigits: 1 });
    return value + "\u00a0" + data.unit;
  }

  function choose(list) {
    chosen = list;
    const total = chosen.reduce((sum, c) => sum + c.file.size, 0);
    choice.textContent = chosen.length ? say(counted(data.tChosen, chosen.length), { n: chosen.length, size: megabytes(total) }) : "";
  }

  folderInput.addEventListener("change", () => {
    filesInput.value = "";
    choose(Array.from(folderInput.files, (f) => ({ file: f, path: f.webkitRelativePath || f.name })));
  });
  filesInput.addEventListener("change", () => {
    folderInput.value = "";
    choose(Array.from(filesInput.files, (f) => ({ file: f, path: f.name })));
  });

  // A dropped folder is walked entry by entry: its files keep their paths in it.
  function walk(entry, list) {
    return new Promise((resolve) => {
      if (entry.isFile) {
        entry.file((f) => { list.push({ file: f, path: entry.fullPath.replace(/^\/+/, "") }); resolve(); }, () => resolve());
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        const children = [];
        const more = () => reader.readEntries(async (batch) => {
          if (batch.length) { children.push(...batch); more(); return; }
          for (const child of children) await walk(child, list);
          resolve();
        }, () => resolve());
        more();
      } else {
        resolve();
      }
    });
  }

  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const items = Array.from(event.dataTransfer.items || []);
    const entries = items.map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
    const list = [];
    if (entries.length) {
      for (const entry of entries) await walk(entry, list);
    } else {
      for (const f of event.dataTransfer.files) list.push({ file: f, path: f.name });
    }
    folderInput.value = "";
    filesInput.value = "";
    choose(list);
  });

  // An upload over the whole limit is not even sent (the server would stop reading it, and
  // the browser would then show a broken connection); the server enforces every limit.
  function tooMuch() {
    return chosen.reduce((sum, c) => sum + c.file.size, 0) > Number(data.maxBytes);
  }

  function payload(draft) {
    const body = new FormData();
    body.append("lang", lang);
    if (draft) body.append("brouillon", "1");
    for (const c of chosen) body.append("fichiers", c.file, c.path);
    return body;
  }

  function busy(on) {
    for (const b of buttons.concat([document.getElementById("telecharger-pdf")])) {
      if (b) b.disabled = on;
    }
  }

  function fileName(xhr) {
    const header = xhr.getResponseHeader("Content-Disposition") || "";
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (encoded) return decodeURIComponent(encoded[1]);
    const plain = /filename="([^"]+)"/i.exec(header);
    return plain ? plain[1] : "dossier.pdf";
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function show(html) {
    result.innerHTML = html;
    const heading = result.querySelector("h2");
    if (heading) heading.focus();
    const pdfButton = document.getElementById("telecharger-pdf");
    if (pdfButton) pdfButton.addEventListener("click", assemble);
  }

  function send(url, draft, pdf, progress) {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url + "?fragment=1&lang=" + encodeURIComponent(lang));
    if (pdf) xhr.responseType = "blob";
    progress.box.hidden = false;
    progress.bar.value = 0;
    progress.status.textContent = say(data.tSending, { percent: 0 });
    xhr.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.floor((event.loaded * 100) / event.total);
      progress.bar.value = percent;
      progress.status.textContent = say(data.tSending, { percent: percent });
    });
    xhr.upload.addEventListener("load", () => {
      progress.bar.removeAttribute("value"); // indeterminate while the server works
      progress.status.textContent = pdf ? data.tAssembling : data.tChecking;
    });
    const finish = () => { busy(false); progress.box.hidden = true; };
    xhr.addEventListener("error", () => { finish(); progress.status.textContent = data.tNetwork; });
    xhr.addEventListener("load", async () => {
      finish();
      progress.status.textContent = "";
      if (pdf && xhr.status === 200) {
        save(xhr.response, fileName(xhr));
        return;
      }
      show(pdf ? await xhr.response.text() : xhr.responseText);
    });
    busy(true);
    xhr.send(payload(draft));
  }

  function assemble() {
    const draft = document.getElementById("brouillon-pdf");
    send("/assembler", Boolean(draft && draft.checked), true, {
      box: document.getElementById("pdf-avancement"),
      bar: document.getElementById("pdf-progression"),
      status: document.getElementById("pdf-etat"),
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!chosen.length) { formProgress.status.textContent = data.tNothing; return; }
    if (tooMuch()) { formProgress.status.textContent = data.tLimits; return; }
    const pdf = Boolean(event.submitter && event.submitter.id === "assembler");
    send(pdf ? "/assembler" : "/verifier", form.elements.brouillon.checked, pdf, formProgress);
  });
})();
