<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ClassAdvice</name>
    <message>
        <source>classes are imbalanced: {big} has {big_n} training windows, {low} {low_n}; balancing (classify.balance) evens what training draws, more examples of the rare classes help more</source>
        <translation>classes déséquilibrées : {big} a {big_n} fenêtres d&apos;entraînement, {low} {low_n} ; l&apos;équilibrage (classify.balance) égalise ce que l&apos;entraînement tire, davantage d&apos;exemples des classes rares aide plus</translation>
    </message>
    <message>
        <source>no class is left for training: import class folders, or include a class</source>
        <translation>il ne reste aucune classe pour l&apos;entraînement : importez des dossiers de classes, ou incluez une classe</translation>
    </message>
    <message>
        <source>{n} class(es) have fewer than {least} clips ({names}): add examples, or merge or exclude them; a model learns little from so few</source>
        <translation>{n} classe(s) ont moins de {least} extraits ({names}) : ajoutez des exemples, ou fusionnez-les ou excluez-les ; un modèle apprend peu de si peu</translation>
    </message>
    <message>
        <source>{n} class(es) have no training clip ({names})</source>
        <translation>{n} classe(s) n&apos;ont aucun extrait d&apos;entraînement ({names})</translation>
    </message>
    <message>
        <source>{n} class(es) have no validation recording ({names}): their accuracy cannot be measured; a class needs 4 source recordings for one</source>
        <translation>{n} classe(s) n&apos;ont aucun enregistrement de validation ({names}) : leur exactitude ne peut être mesurée ; une classe a besoin de 4 enregistrements sources pour en avoir un</translation>
    </message>
    <message>
        <source>{n} classes, each with training and validation recordings</source>
        <translation>{n} classes, chacune avec des enregistrements d&apos;entraînement et de validation</translation>
    </message>
    <message>
        <source>{n} clip(s) have no class: the classify task leaves them out</source>
        <translation>{n} extrait(s) sans classe : la tâche de classification les laisse de côté</translation>
    </message>
</context>
<context>
    <name>ClassPanel</name>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Classes not changed: {reason}</source>
        <translation>Classes inchangées : {reason}</translation>
    </message>
    <message>
        <source>Classes: double-click a name to rename it</source>
        <translation>Classes : double-cliquez sur un nom pour le renommer</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Extraits</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Exclue</translation>
    </message>
    <message>
        <source>Excluded classes keep their clips but give training none</source>
        <translation>Les classes exclues gardent leurs extraits mais n&apos;en donnent aucun à l&apos;entraînement</translation>
    </message>
    <message>
        <source>Excluded {name}.</source>
        <translation>{name} exclue.</translation>
    </message>
    <message>
        <source>Included {name}.</source>
        <translation>{name} incluse.</translation>
    </message>
    <message>
        <source>Merge classes</source>
        <translation>Fusionner des classes</translation>
    </message>
    <message>
        <source>Merge the selected classes</source>
        <translation>Fusionner les classes sélectionnées</translation>
    </message>
    <message>
        <source>Merge {names} into the class:</source>
        <translation>Fusionner {names} dans la classe :</translation>
    </message>
    <message>
        <source>Merged {names} into {into}.</source>
        <translation>{names} fusionnées dans {into}.</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>Fusionner…</translation>
    </message>
    <message>
        <source>Move the clips of the selected classes into one class (new or not)</source>
        <translation>Déplacer les extraits des classes sélectionnées dans une seule classe (nouvelle ou non)</translation>
    </message>
    <message>
        <source>No classes: import class folders (the Class folders button).</source>
        <translation>Aucune classe : importez des dossiers de classes (bouton Dossiers de classes).</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Renamed {old} to {new}.</source>
        <translation>{old} renommée en {new}.</translation>
    </message>
    <message>
        <source>{name}: double-click to rename</source>
        <translation>{name} : double-cliquez pour renommer</translation>
    </message>
    <message>
        <source>{n} classes, {excluded} excluded, {clips} clips</source>
        <translation>{n} classes, {excluded} exclue(s), {clips} extraits</translation>
    </message>
</context>
<context>
    <name>ClassStatsView</name>
    <message>
        <source> (excluded)</source>
        <translation> (exclue)</translation>
    </message>
    <message>
        <source> ({n} excluded)</source>
        <translation> ({n} exclue(s))</translation>
    </message>
    <message>
        <source>, imbalance {x:.1f}× (largest / smallest, training windows)</source>
        <translation>, déséquilibre {x:.1f}× (la plus grande / la plus petite, fenêtres d&apos;entraînement)</translation>
    </message>
    <message>
        <source>Advice on the classes</source>
        <translation>Conseils sur les classes</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Class statistics failed: {reason}</source>
        <translation>Échec des statistiques par classe : {reason}</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Files, duration and windows per class and split</source>
        <translation>Fichiers, durée et fenêtres par classe et par partition</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Essai</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entraîn.</translation>
    </message>
    <message>
        <source>Train windows</source>
        <translation>Fenêtres d&apos;entraîn.</translation>
    </message>
    <message>
        <source>Training windows per class</source>
        <translation>Fenêtres d&apos;entraînement par classe</translation>
    </message>
    <message>
        <source>Val</source>
        <translation>Valid.</translation>
    </message>
    <message>
        <source>classes: {n}</source>
        <translation>classes : {n}</translation>
    </message>
    <message>
        <source>training windows</source>
        <translation>fenêtres d&apos;entraînement</translation>
    </message>
</context>
<context>
    <name>ClassifyView</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) classified</source>
        <translation>
            <numerusform>%n fichier(s) classé(s)</numerusform>
            <numerusform>%n fichier(s) classé(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Add every clip</source>
        <translation>Ajouter tous les clips</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Ajouter des fichiers…</translation>
    </message>
    <message>
        <source>Add the original</source>
        <translation>Ajouter l’original</translation>
    </message>
    <message>
        <source>Best class</source>
        <translation>Meilleure classe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancelled: {done}</source>
        <translation>Annulé : {done}</translation>
    </message>
    <message>
        <source>Cannot show: {reason}</source>
        <translation>Affichage impossible : {reason}</translation>
    </message>
    <message>
        <source>Choose a classifier and add files to classify first.</source>
        <translation>Choisissez d’abord un classifieur et ajoutez des fichiers à classer.</translation>
    </message>
    <message>
        <source>Classified files</source>
        <translation>Fichiers classés</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Classer</translation>
    </message>
    <message numerus="yes">
        <source>Classifying %n file(s)…</source>
        <translation>
            <numerusform>Classement de %n fichier(s)…</numerusform>
            <numerusform>Classement de %n fichier(s)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Classifying failed: {reason}</source>
        <translation>Échec du classement : {reason}</translation>
    </message>
    <message>
        <source>Classifying progress</source>
        <translation>Progression du classement</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vider</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>Détections</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export the detections</source>
        <translation>Exporter les détections</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Files to classify</source>
        <translation>Fichiers à classer</translation>
    </message>
    <message>
        <source>Files to classify (drop files here)</source>
        <translation>Fichiers à classer (déposez-les ici)</translation>
    </message>
    <message>
        <source>Hop</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>Hop between windows in seconds</source>
        <translation>Pas entre les fenêtres, en secondes</translation>
    </message>
    <message>
        <source>Loading PyTorch… classifying starts as soon as it has loaded.</source>
        <translation>Chargement de PyTorch… le classement commence dès qu’il est chargé.</translation>
    </message>
    <message>
        <source>Not read: {reason}</source>
        <translation>Non lu : {reason}</translation>
    </message>
    <message>
        <source>Playback unavailable: {reason}</source>
        <translation>Lecture impossible : {reason}</translation>
    </message>
    <message>
        <source>Playing {label} from {start} s to {end} s</source>
        <translation>Lecture de {label} de {start} s à {end} s</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Window length in seconds</source>
        <translation>Longueur de fenêtre, en secondes</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n row(s) to {path}</source>
        <translation>
            <numerusform>%n ligne(s) écrite(s) dans {path}</numerusform>
            <numerusform>%n ligne(s) écrite(s) dans {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClipEditor</name>
    <message>
        <source>Put the cursor inside the clip to split it (click on the waveform).</source>
        <translation>Placez le curseur dans l&apos;extrait pour le diviser (cliquez sur la forme d&apos;onde).</translation>
    </message>
    <message>
        <source>Select a range first (drag on the waveform).</source>
        <translation>Sélectionnez d&apos;abord une plage (faites glisser sur la forme d&apos;onde).</translation>
    </message>
    <message>
        <source>Snap to zero crossings off</source>
        <translation>Magnétisme aux passages par zéro désactivé</translation>
    </message>
    <message>
        <source>Snap to zero crossings on</source>
        <translation>Magnétisme aux passages par zéro activé</translation>
    </message>
    <message>
        <source>Split {name}: the rest is now clip {new}.</source>
        <translation>{name} divisé : la suite est maintenant l&apos;extrait {new}.</translation>
    </message>
</context>
<context>
    <name>ClipPlayer</name>
    <message>
        <source>Playback stopped: {reason}</source>
        <translation>Lecture arrêtée : {reason}</translation>
    </message>
    <message>
        <source>Playback unavailable: {reason}</source>
        <translation>Lecture impossible : {reason}</translation>
    </message>
    <message>
        <source>Playing</source>
        <translation>Lecture en cours</translation>
    </message>
    <message>
        <source>Select a range to play it.</source>
        <translation>Sélectionnez une plage pour l&apos;écouter.</translation>
    </message>
</context>
<context>
    <name>ClipView</name>
    <message>
        <source>Building the waveform of {name}</source>
        <translation>Construction de la forme d&apos;onde de {name}</translation>
    </message>
    <message>
        <source>Cannot show the target {path}: {reason}</source>
        <translation>Impossible d&apos;afficher la cible {path} : {reason}</translation>
    </message>
    <message>
        <source>Cannot show {path}: {reason}</source>
        <translation>Impossible d&apos;afficher {path} : {reason}</translation>
    </message>
    <message>
        <source>Reading {name}: {percent} %</source>
        <translation>Lecture de {name} : {percent} %</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <source>Target: {name} (offset {ms:+.1f} ms, confidence {confidence:.2f}; drawn aligned under the input)</source>
        <translation>Cible : {name} (décalage {ms:+.1f} ms, confiance {confidence:.2f} ; dessinée alignée sous l&apos;entrée)</translation>
    </message>
    <message>
        <source>The target is long; select it on its own to read it.</source>
        <translation>La cible est longue ; sélectionnez-la seule pour la lire.</translation>
    </message>
    <message>
        <source>Waveform of the pair&apos;s target, aligned by its offset</source>
        <translation>Forme d&apos;onde de la cible de la paire, alignée selon son décalage</translation>
    </message>
    <message>
        <source>{name}: {seconds:.1f} s source</source>
        <translation>{name} : source de {seconds:.1f} s</translation>
    </message>
</context>
<context>
    <name>ConfusedWindows</name>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Misclassified windows of the pair</source>
        <translation>Fenêtres mal classées de la paire</translation>
    </message>
    <message>
        <source>Nearest: not in this report</source>
        <translation>Plus proche : absent de ce rapport</translation>
    </message>
    <message>
        <source>Play the correctly classified window of this class that the model hears as most like the selected one (the closest embedding)</source>
        <translation>Écouter la fenêtre bien classée de cette classe que le modèle entend comme la plus proche de celle choisie (l’empreinte la plus proche)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Temps (s)</translation>
    </message>
    <message>
        <source>clip {id}</source>
        <translation>clip {id}</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>▶ Nearest correct {name}</source>
        <translation>▶ {name} correct le plus proche</translation>
    </message>
</context>
<context>
    <name>DatasetAdvice</name>
    <message>
        <source>a labelled project: amounts are judged per class (the class statistics)</source>
        <translation>un projet étiqueté : les quantités sont jugées par classe (les statistiques par classe)</translation>
    </message>
    <message>
        <source>clean voice</source>
        <translation>voix propre</translation>
    </message>
    <message>
        <source>collect more: only {minutes:.1f} minutes of {what}; aim for at least 10, ideally 30+</source>
        <translation>à compléter : seulement {minutes:.1f} minutes de {what} ; visez au moins 10, idéalement plus de 30</translation>
    </message>
    <message>
        <source>good: {minutes:.0f} minutes of {what}; enough for a solid model</source>
        <translation>bien : {minutes:.0f} minutes de {what} ; assez pour un modèle solide</translation>
    </message>
    <message>
        <source>great: over an hour of {what}; enough for a strong model</source>
        <translation>excellent : plus d&apos;une heure de {what} ; assez pour un modèle performant</translation>
    </message>
    <message>
        <source>no noise clips: a denoiser learns from noise mixed into clean speech; add recordings of the noise you want removed</source>
        <translation>aucun extrait de bruit : un débruiteur apprend du bruit mêlé à la parole propre ; ajoutez des enregistrements du bruit à retirer</translation>
    </message>
    <message>
        <source>only {n} segments per epoch: use shorter segments, more augmentation or more data</source>
        <translation>seulement {n} segments par époque : prenez des segments plus courts, plus d&apos;augmentation ou plus de données</translation>
    </message>
    <message>
        <source>paired audio ({n} pairs)</source>
        <translation>audio apparié ({n} paires)</translation>
    </message>
    <message>
        <source>the project is empty: add clean speech (and noise) or a folder pair first</source>
        <translation>le projet est vide : ajoutez d&apos;abord de la parole propre (et du bruit) ou une paire de dossiers</translation>
    </message>
    <message>
        <source>usable: {minutes:.0f} minutes of {what}; 30+ minutes would make it clearly better</source>
        <translation>utilisable : {minutes:.0f} minutes de {what} ; plus de 30 minutes le rendraient nettement meilleur</translation>
    </message>
    <message>
        <source>voiced time is an estimate: run full statistics (without --headers-only)</source>
        <translation>la durée voisée est une estimation : lancez les statistiques complètes (sans --headers-only)</translation>
    </message>
    <message>
        <source>{inputs} input and {targets} target files have no partner and are not used for paired training</source>
        <translation>{inputs} fichier(s) d&apos;entrée et {targets} fichier(s) cible sans partenaire ne servent pas à l&apos;entraînement apparié</translation>
    </message>
    <message>
        <source>{n} clip(s) are shorter than {seconds:g} s and add little</source>
        <translation>{n} extrait(s) durent moins de {seconds:g} s et apportent peu</translation>
    </message>
    <message>
        <source>{n} file(s) clip: re-record quieter or exclude the clipped parts</source>
        <translation>{n} fichier(s) saturent : réenregistrez moins fort ou excluez les parties saturées</translation>
    </message>
    <message>
        <source>{n} source file(s) are missing or changed since import</source>
        <translation>{n} fichier(s) source manquent ou ont changé depuis l&apos;import</translation>
    </message>
    <message>
        <source>{n} speech file(s) were recorded below the training rate: the model learns an empty top band from them; train at their rate or record at a higher one</source>
        <translation>{n} fichier(s) de parole ont été enregistrés sous le taux d&apos;entraînement : le modèle en apprend une bande haute vide ; entraînez à leur taux ou enregistrez à un taux plus élevé</translation>
    </message>
</context>
<context>
    <name>DatasetHealth</name>
    <message>
        <source>DC offset {offset:.3f} (high-pass or remove the offset)</source>
        <translation>décalage continu {offset:.3f} (filtre passe-haut ou retirez le décalage)</translation>
    </message>
    <message>
        <source>clipping ({percent:.2f} % of samples at full scale)</source>
        <translation>saturation ({percent:.2f} % des échantillons à pleine échelle)</translation>
    </message>
    <message>
        <source>duplicate of {path}</source>
        <translation>doublon de {path}</translation>
    </message>
    <message>
        <source>no voiced audio above the silence threshold</source>
        <translation>aucun son voisé au-dessus du seuil de silence</translation>
    </message>
    <message>
        <source>recorded at {rate} Hz, below the {training} Hz training rate: nothing above {top} Hz to learn from</source>
        <translation>enregistré à {rate} Hz, sous le taux d&apos;entraînement de {training} Hz : rien à apprendre au-dessus de {top} Hz</translation>
    </message>
    <message>
        <source>very quiet (peak {peak:.1f} dBFS)</source>
        <translation>très faible (crête {peak:.1f} dBFS)</translation>
    </message>
    <message>
        <source>very short ({seconds:.2f} s &lt; {least:g} s)</source>
        <translation>très court ({seconds:.2f} s &lt; {least:g} s)</translation>
    </message>
    <message>
        <source>{n} channel(s); most files have {major}</source>
        <translation>{n} canal(aux) ; la plupart des fichiers en ont {major}</translation>
    </message>
</context>
<context>
    <name>DatasetStats</name>
    <message>
        <source>  {role:&lt;7} {files:5d} files  {seconds:&gt;9}  voiced {voiced:&gt;9}  segments {segments}</source>
        <translation>  {role:&lt;7} {files:5d} fichiers  {seconds:&gt;9}  voisé {voiced:&gt;9}  segments {segments}</translation>
    </message>
    <message>
        <source> (estimate: some clips not measured)</source>
        <translation> (estimation : certains extraits non mesurés)</translation>
    </message>
    <message>
        <source>advice:</source>
        <translation>conseils :</translation>
    </message>
    <message>
        <source>health: no problems found</source>
        <translation>santé : aucun problème trouvé</translation>
    </message>
    <message>
        <source>health: {n} file(s) with problems</source>
        <translation>santé : {n} fichier(s) à problèmes</translation>
    </message>
    <message>
        <source>most files: {rate} Hz, {channels} channel(s)</source>
        <translation>la plupart des fichiers : {rate} Hz, {channels} canal(aux)</translation>
    </message>
    <message>
        <source>pairs: {n} (unpaired: {inputs} inputs, {targets} targets)</source>
        <translation>paires : {n} (sans partenaire : {inputs} entrées, {targets} cibles)</translation>
    </message>
    <message>
        <source>segments of {seconds:g} s ({task}): {base} × augmentation {aug:g} = {per_epoch} per epoch, {total} over {epochs} epoch(s)</source>
        <translation>segments de {seconds:g} s ({task}) : {base} × augmentation {aug:g} = {per_epoch} par époque, {total} sur {epochs} époque(s)</translation>
    </message>
    <message>
        <source>{clips} clips, {total} in total, {voiced} voiced{estimate} (full mode)</source>
        <translation>{clips} extraits, {total} au total, {voiced} voisés{estimate} (mode complet)</translation>
    </message>
    <message>
        <source>{clips} clips, {total} in total, {voiced} voiced{estimate} (headers mode)</source>
        <translation>{clips} extraits, {total} au total, {voiced} voisés{estimate} (mode en-têtes)</translation>
    </message>
</context>
<context>
    <name>DatasetStatsPanel</name>
    <message>
        <source>Cannot measure: {reason}</source>
        <translation>Mesure impossible : {reason}</translation>
    </message>
    <message>
        <source>Dataset statistics and advice</source>
        <translation>Statistiques et conseils du jeu de données</translation>
    </message>
    <message>
        <source>Measuring {done}/{total}…</source>
        <translation>Mesure {done}/{total}…</translation>
    </message>
    <message>
        <source>Measuring {seconds:.1f} s…</source>
        <translation>Mesure de {seconds:.1f} s…</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Mesure en cours…</translation>
    </message>
    <message>
        <source>No project.</source>
        <translation>Aucun projet.</translation>
    </message>
    <message>
        <source>No statistics yet.</source>
        <translation>Pas encore de statistiques.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Refresh dataset statistics</source>
        <translation>Actualiser les statistiques du jeu de données</translation>
    </message>
    <message>
        <source>Select a range to measure it.</source>
        <translation>Sélectionnez une plage pour la mesurer.</translation>
    </message>
    <message>
        <source>Selection too long to measure here; use the dataset.</source>
        <translation>Sélection trop longue pour être mesurée ici ; utilisez le jeu de données.</translation>
    </message>
    <message>
        <source>Selection too long to measure; use the dataset.</source>
        <translation>Sélection trop longue pour être mesurée ; utilisez le jeu de données.</translation>
    </message>
    <message>
        <source>Selection: {seconds:.3f} s, voiced {voiced:.2f} s
peak {peak} dBFS, RMS {rms} dBFS, loudness {lufs} LUFS
DC offset {dc:.4f}, clipped {clipped:.3f} %</source>
        <translation>Sélection : {seconds:.3f} s, voisé {voiced:.2f} s
crête {peak} dBFS, RMS {rms} dBFS, sonie {lufs} LUFS
décalage continu {dc:.4f}, saturé {clipped:.3f} %</translation>
    </message>
    <message>
        <source>Statistics failed: {reason}</source>
        <translation>Échec des statistiques : {reason}</translation>
    </message>
    <message>
        <source>Statistics of the selection</source>
        <translation>Statistiques de la sélection</translation>
    </message>
    <message>
        <source>{n} clips measured in {seconds:.1f} s</source>
        <translation>{n} extraits mesurés en {seconds:.1f} s</translation>
    </message>
</context>
<context>
    <name>DatasetTab</name>
    <message numerus="yes">
        <source>%n clip(s) in the project. Drop files or folders to add.</source>
        <translation>
            <numerusform>%n extrait dans le projet. Déposez des fichiers ou des dossiers pour en ajouter.</numerusform>
            <numerusform>%n extraits dans le projet. Déposez des fichiers ou des dossiers pour en ajouter.</numerusform>
        </translation>
    </message>
    <message>
        <source>An import is already running; wait for it, then choose the stream.</source>
        <translation>Un import est déjà en cours ; attendez sa fin, puis choisissez le flux.</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <source>Dataset status</source>
        <translation>État du jeu de données</translation>
    </message>
    <message>
        <source>Decoding audio stream {n} of {name}…</source>
        <translation>Décodage du flux audio {n} de {name}…</translation>
    </message>
    <message>
        <source>Edits changed; press Refresh to measure again.</source>
        <translation>Les modifications ont changé ; appuyez sur Actualiser pour mesurer à nouveau.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>History, statistics and export</source>
        <translation>Historique, statistiques et export</translation>
    </message>
    <message>
        <source>Open or create a project, then drop audio files or folders here.</source>
        <translation>Ouvrez ou créez un projet, puis déposez ici des fichiers ou dossiers audio.</translation>
    </message>
    <message>
        <source>Removed {name} from the project (its file stays on disk).</source>
        <translation>{name} retiré du projet (son fichier reste sur le disque).</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
</context>
<context>
    <name>DetectionTimeline</name>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Detections along the file</source>
        <translation>Détections le long du fichier</translation>
    </message>
    <message>
        <source>End (s)</source>
        <translation>Fin (s)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Start (s)</source>
        <translation>Début (s)</translation>
    </message>
    <message>
        <source>Waveform with the detections</source>
        <translation>Forme d’onde et détections</translation>
    </message>
</context>
<context>
    <name>EditHistory</name>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete silence</source>
        <translation>Supprimer les silences</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>Exclure</translation>
    </message>
    <message>
        <source>Fade in (equal power)</source>
        <translation>Fondu en ouverture (puissance constante)</translation>
    </message>
    <message>
        <source>Fade in (linear)</source>
        <translation>Fondu en ouverture (linéaire)</translation>
    </message>
    <message>
        <source>Fade out (equal power)</source>
        <translation>Fondu en fermeture (puissance constante)</translation>
    </message>
    <message>
        <source>Fade out (linear)</source>
        <translation>Fondu en fermeture (linéaire)</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>Gain</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Inclure</translation>
    </message>
    <message>
        <source>Normalize</source>
        <translation>Normaliser</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>Silence</translation>
    </message>
    <message>
        <source>Split: keep first part</source>
        <translation>Diviser : garder la première partie</translation>
    </message>
    <message>
        <source>Stored edits</source>
        <translation>Modifications enregistrées</translation>
    </message>
    <message>
        <source>Trim</source>
        <translation>Rogner</translation>
    </message>
</context>
<context>
    <name>EditHistoryView</name>
    <message>
        <source>Edit history: click a step to return to it</source>
        <translation>Historique des modifications : cliquez sur une étape pour y revenir</translation>
    </message>
</context>
<context>
    <name>EditToolbars</name>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Édition</translation>
    </message>
    <message>
        <source>Edit tools</source>
        <translation>Outils d&apos;édition</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>Exclure</translation>
    </message>
    <message>
        <source>Fade curve</source>
        <translation>Courbe de fondu</translation>
    </message>
    <message>
        <source>Fade in</source>
        <translation>Fondu en ouverture</translation>
    </message>
    <message>
        <source>Fade out</source>
        <translation>Fondu en fermeture</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Inclure</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Boucle</translation>
    </message>
    <message>
        <source>Normalize</source>
        <translation>Normaliser</translation>
    </message>
    <message>
        <source>Normalize and delete silence</source>
        <translation>Normaliser et supprimer les silences</translation>
    </message>
    <message>
        <source>Normalize mode</source>
        <translation>Mode de normalisation</translation>
    </message>
    <message>
        <source>Normalize target</source>
        <translation>Cible de normalisation</translation>
    </message>
    <message>
        <source>Play selection</source>
        <translation>Lire la sélection</translation>
    </message>
    <message>
        <source>Play/Stop</source>
        <translation>Lecture/Arrêt</translation>
    </message>
    <message>
        <source>Playback status</source>
        <translation>État de la lecture</translation>
    </message>
    <message>
        <source>Redo</source>
        <comment>redo the edit undone</comment>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>Silence</translation>
    </message>
    <message>
        <source>Snap (Z)</source>
        <translation>Magnétisme (Z)</translation>
    </message>
    <message>
        <source>Spectrogram</source>
        <translation>Spectrogramme</translation>
    </message>
    <message>
        <source>Split at cursor</source>
        <translation>Diviser au curseur</translation>
    </message>
    <message>
        <source>Trim</source>
        <translation>Rogner</translation>
    </message>
    <message>
        <source>Undo</source>
        <comment>undo the last edit</comment>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>View and playback tools</source>
        <translation>Outils d&apos;affichage et de lecture</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Zoom to sel.</source>
        <translation>Zoom sur sél.</translation>
    </message>
    <message>
        <source>dB</source>
        <translation>dB</translation>
    </message>
    <message>
        <source>equal power</source>
        <translation>puissance constante</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linéaire</translation>
    </message>
    <message>
        <source>peak dBFS</source>
        <translation>crête dBFS</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>16-bit</source>
        <translation>16 bits</translation>
    </message>
    <message>
        <source>24-bit</source>
        <translation>24 bits</translation>
    </message>
    <message>
        <source>32-bit float</source>
        <translation>32 bits flottant</translation>
    </message>
    <message numerus="yes">
        <source>; %n clip(s) gave no piece</source>
        <translation>
            <numerusform> ; %n extrait n&apos;a donné aucun morceau</numerusform>
            <numerusform> ; %n extraits n&apos;ont donné aucun morceau</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed ({name}: {reason})</source>
        <translation>
            <numerusform> ; %n échec ({name} : {reason})</numerusform>
            <numerusform> ; %n échecs ({name} : {reason})</numerusform>
        </translation>
    </message>
    <message>
        <source>An export is already running; wait for it to finish.</source>
        <translation>Un export est déjà en cours ; attendez qu&apos;il se termine.</translation>
    </message>
    <message>
        <source>Bit depth</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Cannot export: {reason}</source>
        <translation>Export impossible : {reason}</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>Export bit depth</source>
        <translation>Résolution de l&apos;export</translation>
    </message>
    <message>
        <source>Export channels</source>
        <translation>Canaux de l&apos;export</translation>
    </message>
    <message>
        <source>Export clips to folder</source>
        <translation>Exporter les extraits dans le dossier</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>Échec de l&apos;export : {reason}</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>Format de l&apos;export</translation>
    </message>
    <message>
        <source>Export listed clips…</source>
        <translation>Exporter les extraits listés…</translation>
    </message>
    <message>
        <source>Export sample rate</source>
        <translation>Taux d&apos;échantillonnage de l&apos;export</translation>
    </message>
    <message>
        <source>Export sliced clips to folder</source>
        <translation>Exporter les extraits découpés dans le dossier</translation>
    </message>
    <message>
        <source>Export sliced…</source>
        <translation>Exporter découpé…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s)</source>
        <translation>
            <numerusform>%n fichier exporté</numerusform>
            <numerusform>%n fichiers exportés</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting {done}/{total}: {name}</source>
        <translation>Export {done}/{total} : {name}</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Leave out excluded regions</source>
        <translation>Laisser de côté les zones exclues</translation>
    </message>
    <message>
        <source>Mono clips of 3-10 s, cut at silences, for voice cloning</source>
        <translation>Extraits mono de 3 à 10 s, coupés aux silences, pour le clonage de voix</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Taux</translation>
    </message>
    <message>
        <source>Sliced export rate</source>
        <translation>Taux de l&apos;export découpé</translation>
    </message>
    <message>
        <source>Sliced rate (mono, 3–10 s)</source>
        <translation>Taux découpé (mono, 3–10 s)</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>garder</translation>
    </message>
    <message>
        <source>mono</source>
        <translation>mono</translation>
    </message>
    <message>
        <source>stereo</source>
        <translation>stéréo</translation>
    </message>
</context>
<context>
    <name>FileBrowser</name>
    <message>
        <source>
audio stream {n}, read from its decoded copy {path}</source>
        <translation>
flux audio {n}, lu depuis sa copie décodée {path}</translation>
    </message>
    <message>
        <source>%n edit(s) applied</source>
        <translation>%n modification appliquée</translation>
    </message>
    <message>
        <source>, class {name}</source>
        <translation>, classe {name}</translation>
    </message>
    <message>
        <source>Ch</source>
        <translation>Can.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Class not changed: {reason}</source>
        <translation>Classe inchangée : {reason}</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>Propre</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Effacer le filtre</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>File list columns: click to resize</source>
        <translation>Colonnes de la liste de fichiers : cliquez pour redimensionner</translation>
    </message>
    <message>
        <source>Filter by name or path…</source>
        <translation>Filtrer par nom ou chemin…</translation>
    </message>
    <message>
        <source>Filter files</source>
        <translation>Filtrer les fichiers</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>Bruit</translation>
    </message>
    <message>
        <source>Pairs, input ⇄ target</source>
        <translation>Paires, entrée ⇄ cible</translation>
    </message>
    <message>
        <source>Project files</source>
        <translation>Fichiers du projet</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Taux</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusés</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Unpaired inputs / targets</source>
        <translation>Entrées / cibles sans partenaire</translation>
    </message>
    <message>
        <source>alignment confidence {c:.2f}</source>
        <translation>confiance de l&apos;alignement {c:.2f}</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modifié</translation>
    </message>
    <message>
        <source>check</source>
        <translation>à vérifier</translation>
    </message>
    <message>
        <source>input {input}
target {target}
offset {offset} samples, length difference {diff}, confidence {confidence:.2f}</source>
        <translation>entrée {input}
cible {target}
décalage {offset} échantillons, écart de longueur {diff}, confiance {confidence:.2f}</translation>
    </message>
    <message>
        <source>low sample rate ({rate} Hz)</source>
        <translation>taux d&apos;échantillonnage bas ({rate} Hz)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>manquant</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>bon</translation>
    </message>
    <message>
        <source>source file changed since import (size or time differ)</source>
        <translation>fichier source modifié depuis l&apos;import (taille ou date différentes)</translation>
    </message>
    <message>
        <source>source file is missing</source>
        <translation>le fichier source est manquant</translation>
    </message>
    <message>
        <source>very short ({seconds} s)</source>
        <translation>très court ({seconds} s)</translation>
    </message>
    <message>
        <source>{path}
role {role}, split {split}</source>
        <translation>{path}
rôle {role}, partition {split}</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>Audio stream</source>
        <translation>Flux audio</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Changer le rôle</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Class of %n clip(s): a new name or one of the project&apos;s</source>
        <translation>Classe de %n extrait : un nouveau nom ou une classe du projet</translation>
    </message>
    <message>
        <source>Class…</source>
        <translation>Classe…</translation>
    </message>
    <message>
        <source>No class</source>
        <translation>Aucune classe</translation>
    </message>
    <message>
        <source>Remove clip from project (keeps the files)</source>
        <translation>Retirer l&apos;extrait du projet (garde le fichier)</translation>
    </message>
    <message>
        <source>Remove {n} clips from project (keeps the files)</source>
        <translation>Retirer {n} extraits du projet (garde les fichiers)</translation>
    </message>
</context>
<context>
    <name>ImportBar</name>
    <message>
        <source> (and %n more, listed under Rejected)</source>
        <translation> (et %n autre, listé sous Refusés)</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (annulé)</translation>
    </message>
    <message>
        <source>, %n damaged (kept what decoded)</source>
        <translation>, %n endommagé (ce qui a été décodé est gardé)</translation>
    </message>
    <message>
        <source>, relinked %n moved</source>
        <translation>, %n déplacé retrouvé</translation>
    </message>
    <message>
        <source>A pairing is already running; wait for it or cancel it.</source>
        <translation>Un appariement est déjà en cours ; attendez-le ou annulez-le.</translation>
    </message>
    <message>
        <source>An import is already running; wait for it or cancel it.</source>
        <translation>Un import est déjà en cours ; attendez-le ou annulez-le.</translation>
    </message>
    <message>
        <source>An import or pairing is already running; wait for it or cancel it.</source>
        <translation>Un import ou un appariement est déjà en cours ; attendez-le ou annulez-le.</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Annuler l&apos;import</translation>
    </message>
    <message>
        <source>Cancel pairing</source>
        <translation>Annuler l&apos;appariement</translation>
    </message>
    <message>
        <source>Cannot pair {inputs} (inputs) with {targets} (targets): {reason}</source>
        <translation>Impossible d&apos;apparier {inputs} (entrées) avec {targets} (cibles) : {reason}</translation>
    </message>
    <message>
        <source>Class folders</source>
        <translation>Dossiers de classes</translation>
    </message>
    <message>
        <source>Damaged: {name}: {warning}.</source>
        <translation>Endommagé : {name} : {warning}.</translation>
    </message>
    <message>
        <source>Folders are being paired; wait for it or cancel it, then import.</source>
        <translation>Des dossiers sont en cours d&apos;appariement ; attendez ou annulez, puis importez.</translation>
    </message>
    <message>
        <source>Import a folder of audio</source>
        <translation>Importer un dossier audio</translation>
    </message>
    <message>
        <source>Import audio files</source>
        <translation>Importer des fichiers audio</translation>
    </message>
    <message>
        <source>Import cancelled: no role chosen.</source>
        <translation>Import annulé : aucun rôle choisi.</translation>
    </message>
    <message>
        <source>Import failed: {reason}</source>
        <translation>Échec de l&apos;import : {reason}</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Importer des fichiers…</translation>
    </message>
    <message>
        <source>Import folders as roots of class folders (the classify task): each file&apos;s class is the folder under the root it lies in, at any depth. On by itself in a project with classes</source>
        <translation>Importer des dossiers comme racines de dossiers de classes (tâche de classification) : la classe de chaque fichier est le dossier sous la racine où il se trouve, à toute profondeur. Activé d&apos;office dans un projet qui a des classes</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>Importer un dossier…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progression de l&apos;import</translation>
    </message>
    <message>
        <source>Import: {summary}.</source>
        <translation>Import : {summary}.</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n path(s) as class folders…</source>
        <translation>
            <numerusform>Import de %n chemin comme dossiers de classes…</numerusform>
            <numerusform>Import de %n chemins comme dossiers de classes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n path(s)…</source>
        <translation>
            <numerusform>Import de %n chemin…</numerusform>
            <numerusform>Import de %n chemins…</numerusform>
        </translation>
    </message>
    <message>
        <source>Match input files (e.g. raw takes) to target files (e.g. mixed takes) by name across two folders and measure their offsets</source>
        <translation>Associer par leur nom les fichiers d&apos;entrée (p. ex. prises brutes) aux fichiers cibles (p. ex. prises mixées) de deux dossiers et mesurer leurs décalages</translation>
    </message>
    <message>
        <source>Not used: {name}: {reason}</source>
        <translation>Non utilisé : {name} : {reason}</translation>
    </message>
    <message>
        <source>Open or create a project first (File menu), then drop the files again.</source>
        <translation>Ouvrez ou créez d&apos;abord un projet (menu Fichier), puis déposez à nouveau les fichiers.</translation>
    </message>
    <message>
        <source>Open or create a project first (File menu), then pair folders.</source>
        <translation>Ouvrez ou créez d&apos;abord un projet (menu Fichier), puis appariez les dossiers.</translation>
    </message>
    <message>
        <source>Pair folders…</source>
        <translation>Apparier des dossiers…</translation>
    </message>
    <message>
        <source>Pairing progress</source>
        <translation>Progression de l&apos;appariement</translation>
    </message>
    <message>
        <source>Pairing {inputs} (inputs) with {targets} (targets): importing…</source>
        <translation>Appariement de {inputs} (entrées) avec {targets} (cibles) : import…</translation>
    </message>
    <message>
        <source>added {added}, skipped {skipped}, rejected {rejected}</source>
        <translation>{added} ajouté(s), {skipped} ignoré(s), {rejected} refusé(s)</translation>
    </message>
    <message>
        <source>aligning {done}/{total} {name}</source>
        <translation>alignement {done}/{total} {name}</translation>
    </message>
    <message>
        <source>{done}/{files} decoding {name}: {percent} %</source>
        <translation>{done}/{files} décodage de {name} : {percent} %</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Restart Wavesmith to use the interface in {language}.</source>
        <translation>Redémarrez Wavesmith pour utiliser l&apos;interface en {language}.</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Output level meter</source>
        <translation>Vumètre de sortie</translation>
    </message>
    <message>
        <source>ch{n}: peak {peak} dBFS</source>
        <translation>can{n} : crête {peak} dBFS</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About Wavesmith</source>
        <translation>À &amp;propos de Wavesmith</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>&amp;Nouveau projet…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&lt;b&gt;Wavesmith&lt;/b&gt; 0.1&lt;br&gt;Prepare audio datasets, train denoisers and mix-style models, and compare results by ear, on your own machine or a GPU server.</source>
        <translation>&lt;b&gt;Wavesmith&lt;/b&gt; 0.1&lt;br&gt;Préparez des jeux de données audio, entraînez des débruiteurs et des modèles de style de mixage, et comparez les résultats à l&apos;oreille, sur votre machine ou un serveur GPU.</translation>
    </message>
    <message>
        <source>About Wavesmith</source>
        <translation>À propos de Wavesmith</translation>
    </message>
    <message>
        <source>Cannot create project</source>
        <translation>Impossible de créer le projet</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Impossible d&apos;ouvrir le projet</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Matériel</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Écoute</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Main tabs</source>
        <translation>Onglets principaux</translation>
    </message>
    <message>
        <source>No project created in {path}.</source>
        <translation>Aucun projet créé dans {path}.</translation>
    </message>
    <message>
        <source>Open a project folder</source>
        <translation>Ouvrir un dossier de projet</translation>
    </message>
    <message>
        <source>Open or create a project to begin (File menu).</source>
        <translation>Ouvrez ou créez un projet pour commencer (menu Fichier).</translation>
    </message>
    <message>
        <source>Opening the {tab} tab…</source>
        <translation>Ouverture de l&apos;onglet {tab}…</translation>
    </message>
    <message>
        <source>Project {path}</source>
        <translation>Projet {path}</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>{folder}: not a Wavesmith project; nothing opened.</source>
        <translation>{folder} : pas un projet Wavesmith ; rien n&apos;a été ouvert.</translation>
    </message>
</context>
<context>
    <name>MediaFailures</name>
    <message>
        <source>digital silence (every sample is zero)</source>
        <translation>silence numérique (tous les échantillons sont nuls)</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>fichier introuvable</translation>
    </message>
    <message>
        <source>file not found (broken link?)</source>
        <translation>fichier introuvable (lien cassé ?)</translation>
    </message>
    <message>
        <source>has no audio stream {stream}: it holds 1</source>
        <translation>n&apos;a pas de flux audio {stream} : il n&apos;en contient qu&apos;un</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>est un dossier, pas un fichier</translation>
    </message>
    <message>
        <source>not a readable media file: truncated or corrupt container, or not audio{detail}</source>
        <translation>fichier média illisible : conteneur tronqué ou corrompu, ou pas de l&apos;audio{detail}</translation>
    </message>
    <message>
        <source>not a regular file (device, pipe or socket)</source>
        <translation>pas un fichier ordinaire (périphérique, tube ou socket)</translation>
    </message>
    <message>
        <source>unreadable (permission denied)</source>
        <translation>illisible (permission refusée)</translation>
    </message>
    <message>
        <source>unreadable ({why})</source>
        <translation>illisible ({why})</translation>
    </message>
    <message>
        <source>unsupported codec: FFmpeg in this build has no decoder for audio stream {stream}</source>
        <translation>codec non pris en charge : le FFmpeg de cette version n&apos;a pas de décodeur pour le flux audio {stream}</translation>
    </message>
    <message>
        <source>zero-length file</source>
        <translation>fichier de longueur nulle</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>A project name cannot hold / \ : * ? &quot; &lt; &gt; |.</source>
        <translation>Un nom de projet ne peut contenir / \ : * ? &quot; &lt; &gt; |.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose the folder the project is created in</source>
        <translation>Choisir le dossier où créer le projet</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Create in</source>
        <translation>Créer dans</translation>
    </message>
    <message>
        <source>Create the project in</source>
        <translation>Créer le projet dans</translation>
    </message>
    <message>
        <source>Folder is not empty</source>
        <translation>Le dossier n&apos;est pas vide</translation>
    </message>
    <message>
        <source>Folder the project is created in</source>
        <translation>Dossier où le projet est créé</translation>
    </message>
    <message>
        <source>Give the project a name.</source>
        <translation>Donnez un nom au projet.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <source>No project here</source>
        <translation>Aucun projet ici</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>Nom du projet</translation>
    </message>
    <message>
        <source>The project will be the folder {path}</source>
        <translation>Le projet sera le dossier {path}</translation>
    </message>
    <message>
        <source>e.g. My voice denoiser</source>
        <translation>p. ex. Débruiteur de ma voix</translation>
    </message>
    <message>
        <source>{folder} already holds {count} file(s) or folder(s) and is not a Wavesmith project.

Make it a project anyway? Its files stay as they are; the project adds its index ({index}) and a cache folder beside them.</source>
        <translation>{folder} contient déjà {count} fichier(s) ou dossier(s) et n&apos;est pas un projet Wavesmith.

En faire quand même un projet ? Ses fichiers restent tels quels ; le projet ajoute à côté son index ({index}) et un dossier de cache.</translation>
    </message>
    <message>
        <source>{folder} is an empty folder, not a Wavesmith project.

Create a new project in it?</source>
        <translation>{folder} est un dossier vide, pas un projet Wavesmith.

Y créer un nouveau projet ?</translation>
    </message>
    <message>
        <source>{folder} is not a folder: choose where to create the project.</source>
        <translation>{folder} n&apos;est pas un dossier : choisissez où créer le projet.</translation>
    </message>
    <message>
        <source>{path} is a project already: open it instead.</source>
        <translation>{path} est déjà un projet : ouvrez-le plutôt.</translation>
    </message>
</context>
<context>
    <name>PairFoldersDialog</name>
    <message>
        <source> and %n more</source>
        <translation> et %n autre(s)</translation>
    </message>
    <message>
        <source>%n ambiguous name(s), not paired (rename so each name is unique per folder): </source>
        <translation>%n nom(s) ambigu(s), non apparié(s) (renommez pour que chaque nom soit unique par dossier) : </translation>
    </message>
    <message>
        <source>%n file(s) not usable: </source>
        <translation>%n fichier(s) inutilisable(s) : </translation>
    </message>
    <message>
        <source>%n input(s) without a target: </source>
        <translation>%n entrée(s) sans cible : </translation>
    </message>
    <message>
        <source>%n pair(s) not aligned: </source>
        <translation>%n paire(s) non alignée(s) : </translation>
    </message>
    <message>
        <source>%n target(s) without an input: </source>
        <translation>%n cible(s) sans entrée : </translation>
    </message>
    <message>
        <source>; and %n more</source>
        <translation> ; et %n autre(s)</translation>
    </message>
    <message>
        <source>Browse for the input folder</source>
        <translation>Parcourir pour le dossier d&apos;entrée</translation>
    </message>
    <message>
        <source>Browse for the target folder</source>
        <translation>Parcourir pour le dossier cible</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose the input folder.</source>
        <translation>Choisissez le dossier d&apos;entrée.</translation>
    </message>
    <message>
        <source>Choose the target folder.</source>
        <translation>Choisissez le dossier cible.</translation>
    </message>
    <message>
        <source>Files are matched by name (&quot;song1_raw&quot; ↔ &quot;song1_mix&quot;) and their offset is measured. Your audio files are read, never changed.</source>
        <translation>Les fichiers sont associés par leur nom (« song1_raw » ↔ « song1_mix ») et leur décalage est mesuré. Vos fichiers audio sont lus, jamais modifiés.</translation>
    </message>
    <message>
        <source>Input and target are the same folder: inputs and targets need separate folders.</source>
        <translation>L&apos;entrée et la cible sont le même dossier : entrées et cibles demandent des dossiers distincts.</translation>
    </message>
    <message>
        <source>Input folder (e.g. raw takes)</source>
        <translation>Dossier d&apos;entrée (p. ex. prises brutes)</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>Apparier</translation>
    </message>
    <message>
        <source>Pair input and target folders</source>
        <translation>Apparier les dossiers d&apos;entrée et cible</translation>
    </message>
    <message>
        <source>Pair the folders</source>
        <translation>Apparier les dossiers</translation>
    </message>
    <message>
        <source>Pairing cancelled: {n} pair recorded.</source>
        <translation>Appariement annulé : {n} paire enregistrée.</translation>
    </message>
    <message>
        <source>Pairing cancelled: {n} pairs recorded.</source>
        <translation>Appariement annulé : {n} paires enregistrées.</translation>
    </message>
    <message>
        <source>Pairing done: {n} pair recorded.</source>
        <translation>Appariement terminé : {n} paire enregistrée.</translation>
    </message>
    <message>
        <source>Pairing done: {n} pairs recorded.</source>
        <translation>Appariement terminé : {n} paires enregistrées.</translation>
    </message>
    <message>
        <source>Target folder (e.g. mixed takes)</source>
        <translation>Dossier cible (p. ex. prises mixées)</translation>
    </message>
    <message>
        <source>The folders overlap: inputs and targets need separate folders.</source>
        <translation>Les dossiers se chevauchent : entrées et cibles demandent des dossiers distincts.</translation>
    </message>
    <message>
        <source>The input folder does not exist: {folder}</source>
        <translation>Le dossier d&apos;entrée n&apos;existe pas : {folder}</translation>
    </message>
    <message>
        <source>The input folder is not a folder: {folder}</source>
        <translation>Le dossier d&apos;entrée n&apos;est pas un dossier : {folder}</translation>
    </message>
    <message>
        <source>The target folder does not exist: {folder}</source>
        <translation>Le dossier cible n&apos;existe pas : {folder}</translation>
    </message>
    <message>
        <source>The target folder is not a folder: {folder}</source>
        <translation>Le dossier cible n&apos;est pas un dossier : {folder}</translation>
    </message>
    <message>
        <source>Warning: {w}</source>
        <translation>Avertissement : {w}</translation>
    </message>
    <message>
        <source>Why the folders cannot be paired</source>
        <translation>Pourquoi les dossiers ne peuvent être appariés</translation>
    </message>
    <message>
        <source>and %n more warning(s) (see the log)</source>
        <translation>et %n autre(s) avertissement(s) (voir le journal)</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>GPU memory</source>
        <translation>Mémoire GPU</translation>
    </message>
    <message>
        <source>GPU memory the last training step allocated at its peak, and the most any step of this run has (PyTorch&apos;s allocator; the driver reserves some more).</source>
        <translation>Mémoire GPU allouée au plus fort du dernier pas d&apos;entraînement, et le maximum atteint par un pas de cet entraînement (allocateur de PyTorch ; le pilote en réserve un peu plus).</translation>
    </message>
    <message>
        <source>GPU {now} (peak {peak})</source>
        <translation>GPU {now} (pic {peak})</translation>
    </message>
</context>
<context>
    <name>RecentProjectsMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Projets &amp;récents</translation>
    </message>
</context>
<context>
    <name>RoleNames</name>
    <message>
        <source>clean</source>
        <translation>propre</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrée</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>bruit</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>test</source>
        <translation>essai</translation>
    </message>
    <message>
        <source>train</source>
        <translation>entraîn.</translation>
    </message>
    <message>
        <source>val</source>
        <translation>valid.</translation>
    </message>
</context>
<context>
    <name>RoleQuestion</name>
    <message>
        <source>%n file(s) ({names}) are in folders whose names do not say what they are for ({folders}).

Import them as:</source>
        <translation>%n fichier ({names}) est dans un dossier dont le nom ne dit pas à quoi il sert ({folders}).

L&apos;importer comme :</translation>
    </message>
    <message>
        <source>Clean speech</source>
        <translation>Parole propre</translation>
    </message>
    <message>
        <source>Folders named clean, speech, noise, background, raw, input, mixed or target are recognised without asking. The answer holds for every such file of this import.</source>
        <translation>Les dossiers nommés clean, speech, noise, background, raw, input, mixed ou target sont reconnus sans question. La réponse vaut pour tous les fichiers de ce genre dans cet import.</translation>
    </message>
    <message>
        <source>Input (to be processed)</source>
        <translation>Entrée (à traiter)</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>Bruit</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>Les ignorer</translation>
    </message>
    <message>
        <source>Target (processed)</source>
        <translation>Cible (traitée)</translation>
    </message>
    <message>
        <source>What are these files?</source>
        <translation>Que sont ces fichiers ?</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <source>Class results</source>
        <translation>Résultats par classe</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Courbes</translation>
    </message>
</context>
<context>
    <name>RunsList</name>
    <message>
        <source>Best</source>
        <translation>Meilleur</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Époques</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>The best epoch&apos;s (lowest validation loss) SI-SDR, or a classifier&apos;s top-1 accuracy</source>
        <translation>Le SI-SDR de la meilleure époque (perte de validation la plus basse), ou l&apos;exactitude top-1 d&apos;un classifieur</translation>
    </message>
    <message>
        <source>The run&apos;s folder says it is running, but this window is not training it: it is running elsewhere (headless, on another machine) or was interrupted. Resume continues it from its last checkpoint.</source>
        <translation>Le dossier de l&apos;entraînement indique qu&apos;il est en cours, mais cette fenêtre ne l&apos;exécute pas : il tourne ailleurs (sans interface, sur une autre machine) ou a été interrompu. Reprendre le continue depuis son dernier point de sauvegarde.</translation>
    </message>
    <message>
        <source>Top-1 accuracy {acc}</source>
        <translation>Exactitude top-1 {acc}</translation>
    </message>
    <message>
        <source>Validation loss {loss}</source>
        <translation>Perte de validation {loss}</translation>
    </message>
    <message>
        <source>running?</source>
        <translation>en cours ?</translation>
    </message>
    <message>
        <source>{name}
Created {date}</source>
        <translation>{name}
Créé le {date}</translation>
    </message>
</context>
<context>
    <name>SelectionBar</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>Curseur</translation>
    </message>
    <message>
        <source>Cursor position in seconds</source>
        <translation>Position du curseur en secondes</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Selection end in seconds</source>
        <translation>Fin de la sélection en secondes</translation>
    </message>
    <message>
        <source>Selection length in seconds</source>
        <translation>Durée de la sélection en secondes</translation>
    </message>
    <message>
        <source>Selection start in seconds</source>
        <translation>Début de la sélection en secondes</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>{rate} Hz, {frames} frames</source>
        <translation>{rate} Hz, {frames} échantillons</translation>
    </message>
</context>
<context>
    <name>SilenceTools</name>
    <message>
        <source> Silence below </source>
        <translation> Silence sous </translation>
    </message>
    <message>
        <source> for ≥ </source>
        <translation> pendant ≥ </translation>
    </message>
    <message>
        <source>Delete silence</source>
        <translation>Supprimer les silences</translation>
    </message>
    <message numerus="yes">
        <source>Delete silence would remove %n region(s), {seconds:.2f} s.</source>
        <translation>
            <numerusform>Supprimer les silences retirerait %n zone, {seconds:.2f} s.</numerusform>
            <numerusform>Supprimer les silences retirerait %n zones, {seconds:.2f} s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Minimum silence duration</source>
        <translation>Durée minimale du silence</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Preview needs the clip in memory; apply an edit or use a shorter clip.</source>
        <translation>L&apos;aperçu demande l&apos;extrait en mémoire ; appliquez une modification ou prenez un extrait plus court.</translation>
    </message>
    <message>
        <source>Preview silence to delete</source>
        <translation>Aperçu des silences à supprimer</translation>
    </message>
    <message>
        <source>Silence threshold</source>
        <translation>Seuil de silence</translation>
    </message>
</context>
<context>
    <name>SpectrogramLane</name>
    <message>
        <source>Spectrogram</source>
        <translation>Spectrogramme</translation>
    </message>
    <message>
        <source>zoom in to see the spectrogram</source>
        <translation>zoomez pour voir le spectrogramme</translation>
    </message>
</context>
<context>
    <name>Table</name>
    <message>
        <source>Columns of the table</source>
        <translation>Colonnes du tableau</translation>
    </message>
    <message>
        <source>Rows of the table</source>
        <translation>Lignes du tableau</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>GPU memory (GB)</source>
        <translation>Mémoire GPU (Go)</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>GB</source>
        <translation>Go</translation>
    </message>
    <message>
        <source>KB</source>
        <translation>Ko</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>days</source>
        <translation>jours</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
</context>
<context>
    <name>WaveformOverview</name>
    <message>
        <source>Overview of the whole clip: drag the box to pan</source>
        <translation>Vue d&apos;ensemble de l&apos;extrait : faites glisser le cadre pour vous déplacer</translation>
    </message>
</context>
<context>
    <name>WaveformPlaceholder</name>
    <message>
        <source>Select a clip to see its waveform.</source>
        <translation>Sélectionnez un extrait pour voir sa forme d&apos;onde.</translation>
    </message>
    <message>
        <source>Waveform loading progress</source>
        <translation>Progression du chargement de la forme d&apos;onde</translation>
    </message>
</context>
<context>
    <name>WaveformPlot</name>
    <message>
        <source>Waveform plot: drag to select, wheel to zoom</source>
        <translation>Forme d&apos;onde : faites glisser pour sélectionner, molette pour zoomer</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <source>Waveform</source>
        <translation>Forme d&apos;onde</translation>
    </message>
</context>
<context>
    <name>factory</name>
    <message>
        <source>Select every row</source>
        <translation>Sélectionner toutes les lignes</translation>
    </message>
</context>
</TS>
