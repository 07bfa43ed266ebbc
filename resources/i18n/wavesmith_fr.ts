<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AbView</name>
    <message>
        <source>A  original</source>
        <translation>A  d&apos;origine</translation>
    </message>
    <message>
        <source>A  original: {name}</source>
        <translation>A  d&apos;origine&#xa0;: {name}</translation>
    </message>
    <message>
        <source>B  processed</source>
        <translation>B  traité</translation>
    </message>
    <message>
        <source>B  processed with {model}</source>
        <translation>B  traité par {model}</translation>
    </message>
    <message>
        <source>Original (A) waveform</source>
        <translation>Forme d&apos;onde de l&apos;original (A)</translation>
    </message>
    <message>
        <source>Processed (B) waveform</source>
        <translation>Forme d&apos;onde du traité (B)</translation>
    </message>
</context>
<context>
    <name>AbxPanel</name>
    <message>
        <source> trials</source>
        <translation> essais</translation>
    </message>
    <message>
        <source>Answer: X is the original</source>
        <translation>Réponse&#xa0;: X est l&apos;original</translation>
    </message>
    <message>
        <source>Answer: X is the processed version</source>
        <translation>Réponse&#xa0;: X est la version traitée</translation>
    </message>
    <message>
        <source>Blind ABX test</source>
        <translation>Test ABX à l&apos;aveugle</translation>
    </message>
    <message>
        <source>Done: {summary}</source>
        <translation>Terminé&#xa0;: {summary}</translation>
    </message>
    <message>
        <source>Hides which is which; answers for N trials.</source>
        <translation>Cache qui est qui&#xa0;; vous répondez pendant N essais.</translation>
    </message>
    <message>
        <source>Number of ABX trials</source>
        <translation>Nombre d&apos;essais ABX</translation>
    </message>
    <message>
        <source>Play A</source>
        <translation>Lecture A</translation>
    </message>
    <message>
        <source>Play B</source>
        <translation>Lecture B</translation>
    </message>
    <message>
        <source>Play X</source>
        <translation>Lecture X</translation>
    </message>
    <message>
        <source>Play the hidden one</source>
        <translation>Lire l&apos;extrait caché</translation>
    </message>
    <message>
        <source>Play the original</source>
        <translation>Lire l&apos;original</translation>
    </message>
    <message>
        <source>Play the processed version</source>
        <translation>Lire la version traitée</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Start or stop the ABX test</source>
        <translation>Démarrer ou arrêter le test ABX</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêt</translation>
    </message>
    <message>
        <source>Stopped. {summary}</source>
        <translation>Arrêté. {summary}</translation>
    </message>
    <message>
        <source>Trial {trial} of {trials}: play A, B and X as often as you like, then say which one X is.</source>
        <translation>Essai {trial} sur {trials}&#xa0;: écoutez A, B et X autant de fois que vous voulez, puis dites lequel est X.</translation>
    </message>
    <message>
        <source>X is A</source>
        <translation>X est A</translation>
    </message>
    <message>
        <source>X is B</source>
        <translation>X est B</translation>
    </message>
    <message>
        <source>could well be guessing</source>
        <translation>peut très bien être le hasard</translation>
    </message>
    <message>
        <source>very unlikely to be guessing: the difference is audible</source>
        <translation>très peu probablement le hasard&#xa0;: la différence s&apos;entend</translation>
    </message>
    <message>
        <source>{correct} of {answered} correct; probability of doing this well by guessing: {p} ({verdict})</source>
        <translation>{correct} bonnes réponses sur {answered}&#xa0;; probabilité de faire aussi bien au hasard&#xa0;: {p} ({verdict})</translation>
    </message>
</context>
<context>
    <name>AdvicePanel</name>
    <message>
        <source>Advice</source>
        <translation>Conseils</translation>
    </message>
    <message>
        <source>Apply advice to training settings</source>
        <translation>Appliquer les conseils aux réglages d&apos;entraînement</translation>
    </message>
    <message>
        <source>Apply to training settings</source>
        <translation>Appliquer aux réglages d&apos;entraînement</translation>
    </message>
    <message>
        <source>Epochs planned</source>
        <translation>Époques prévues</translation>
    </message>
    <message>
        <source>Hours available</source>
        <translation>Heures disponibles</translation>
    </message>
    <message>
        <source>I have hours</source>
        <translation>J&apos;ai des heures</translation>
    </message>
    <message>
        <source>Measure the batch size to estimate time.</source>
        <translation>Mesurez la taille de lot pour estimer la durée.</translation>
    </message>
    <message>
        <source>Open a project and measure the batch size to estimate time.</source>
        <translation>Ouvrez un projet et mesurez la taille de lot pour estimer la durée.</translation>
    </message>
    <message>
        <source>Plan by a time budget</source>
        <translation>Prévoir selon un budget de temps</translation>
    </message>
    <message>
        <source>Plan by epochs</source>
        <translation>Prévoir en époques</translation>
    </message>
    <message>
        <source>Time estimate</source>
        <translation>Estimation de la durée</translation>
    </message>
    <message>
        <source>Training advice</source>
        <translation>Conseils d&apos;entraînement</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>Durée d&apos;entraînement</translation>
    </message>
</context>
<context>
    <name>BandCheck</name>
    <message>
        <source>Model band: known once the model is loaded</source>
        <translation>Bande du modèle&#xa0;: connue une fois le modèle chargé</translation>
    </message>
    <message>
        <source>Model band: up to {top:.1f} kHz ({rate} Hz model)</source>
        <translation>Bande du modèle&#xa0;: jusqu&apos;à {top:.1f} kHz (modèle à {rate} Hz)</translation>
    </message>
    <message>
        <source>{model}. Input: {rate} Hz, content up to {content:.1f} kHz.</source>
        <translation>{model}. Entrée&#xa0;: {rate} Hz, contenu jusqu&apos;à {content:.1f} kHz.</translation>
    </message>
    <message>
        <source>{model}. Input: {rate} Hz, content up to {content:.1f} kHz. Processing cuts what lies above {top:.1f} kHz ({drops:.1f} kHz of the input&apos;s band).</source>
        <translation>{model}. Entrée&#xa0;: {rate} Hz, contenu jusqu&apos;à {content:.1f} kHz. Le traitement coupe tout ce qui dépasse {top:.1f} kHz ({drops:.1f} kHz de la bande de l&apos;entrée).</translation>
    </message>
</context>
<context>
    <name>BandLabel</name>
    <message>
        <source>Model band and input band</source>
        <translation>Bande du modèle et bande de l&apos;entrée</translation>
    </message>
</context>
<context>
    <name>BufferPlayback</name>
    <message>
        <source>Playback unavailable: {reason}</source>
        <translation>Lecture impossible : {reason}</translation>
    </message>
</context>
<context>
    <name>ClassAdvice</name>
    <message numerus="yes">
        <source>%n class(es) have fewer than {least} clips ({names}): add examples, or merge or exclude them; a model learns little from so few</source>
        <translation>
            <numerusform>%Ln classe a moins de {least} extraits ({names}) : ajoutez des exemples, ou fusionnez-la ou excluez-la ; un modèle apprend peu de si peu</numerusform>
            <numerusform>%Ln classes ont moins de {least} extraits ({names}) : ajoutez des exemples, ou fusionnez-les ou excluez-les ; un modèle apprend peu de si peu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) have no training clip ({names})</source>
        <translation>
            <numerusform>%Ln classe n&apos;a aucun extrait d&apos;entraînement ({names})</numerusform>
            <numerusform>%Ln classes n&apos;ont aucun extrait d&apos;entraînement ({names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) have no validation recording ({names}): their accuracy cannot be measured; a class needs 4 source recordings for one</source>
        <translation>
            <numerusform>%Ln classe n&apos;a aucun enregistrement de validation ({names}) : son exactitude ne peut être mesurée ; une classe a besoin de 4 enregistrements sources pour en avoir un</numerusform>
            <numerusform>%Ln classes n&apos;ont aucun enregistrement de validation ({names}) : leur exactitude ne peut être mesurée ; une classe a besoin de 4 enregistrements sources pour en avoir un</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) have no class: the classify task leaves them out</source>
        <translation>
            <numerusform>%Ln extrait sans classe : la tâche de classification le laisse de côté</numerusform>
            <numerusform>%Ln extraits sans classe : la tâche de classification les laisse de côté</numerusform>
        </translation>
    </message>
    <message>
        <source>classes are imbalanced: {big} has {big_n} training windows, {low} {low_n}; balancing (classify.balance) evens what training draws, more examples of the rare classes help more</source>
        <translation>classes déséquilibrées : {big} a {big_n} fenêtres d&apos;entraînement, {low} {low_n} ; l&apos;équilibrage (classify.balance) égalise ce que l&apos;entraînement tire, davantage d&apos;exemples des classes rares aide plus</translation>
    </message>
    <message>
        <source>no class is left for training: import class folders, or include a class</source>
        <translation>il ne reste aucune classe pour l&apos;entraînement : importez des dossiers de classes, ou incluez une classe</translation>
    </message>
    <message>
        <source>{n} classes, each with training and validation recordings</source>
        <translation>{n} classes, chacune avec des enregistrements d&apos;entraînement et de validation</translation>
    </message>
</context>
<context>
    <name>ClassPanel</name>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%Ln classe</numerusform>
            <numerusform>%Ln classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%Ln extrait</numerusform>
            <numerusform>%Ln extraits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n excluded</source>
        <translation>
            <numerusform>%Ln exclue</numerusform>
            <numerusform>%Ln exclues</numerusform>
        </translation>
    </message>
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
</context>
<context>
    <name>ClassResults</name>
    <message>
        <source>Choose a pair, then one of its windows</source>
        <translation>Choisissez une paire, puis l&apos;une de ses fenêtres</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Epoch {epoch}: {windows:,} validation windows, {classes} classes</source>
        <translation>Époque {epoch}&#xa0;: {windows:,} fenêtres de validation, {classes} classes</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Most-confused pairs</source>
        <translation>Paires les plus confondues</translation>
    </message>
    <message>
        <source>No results yet: written when validation improves</source>
        <translation>Pas encore de résultats&#xa0;: ils sont écrits quand la validation s&apos;améliore</translation>
    </message>
    <message>
        <source>Open the run&apos;s project to listen to its windows</source>
        <translation>Ouvrez le projet de l&apos;entraînement pour écouter ses fenêtres</translation>
    </message>
    <message>
        <source>Per-class results</source>
        <translation>Résultats par classe</translation>
    </message>
    <message>
        <source>Play the selected misclassified window (or double-click it)</source>
        <translation>Lire la fenêtre mal classée sélectionnée (ou double-cliquez dessus)</translation>
    </message>
    <message>
        <source>Play the window of this class the model is surest of and right about</source>
        <translation>Lire la fenêtre de cette classe dont le modèle est le plus sûr, à raison</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Prédite</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Effectif</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>Vraie classe</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>Fenêtres</translation>
    </message>
    <message>
        <source>cannot read: {reason}</source>
        <translation>lecture du fichier impossible&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>playing clip {clip} at {start:.2f} s ({seconds:.1f} s)</source>
        <translation>lecture de l&apos;extrait {clip} à {start:.2f} s ({seconds:.1f} s)</translation>
    </message>
    <message>
        <source>reading clip {clip} at {start:.2f} s…</source>
        <translation>chargement de l&apos;extrait {clip} à {start:.2f} s…</translation>
    </message>
    <message>
        <source>{count} windows of {true} classified as {predicted} ({listed} listed): double-click one to play it</source>
        <translation>{count} fenêtres de {true} classées comme {predicted} ({listed} listées)&#xa0;: double-cliquez sur l&apos;une pour l&apos;écouter</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ Arrêt</translation>
    </message>
    <message>
        <source>▶ Correct predicted class</source>
        <translation>▶ Juste, classe prédite</translation>
    </message>
    <message>
        <source>▶ Correct true class</source>
        <translation>▶ Juste, vraie classe</translation>
    </message>
    <message>
        <source>▶ Play window</source>
        <translation>▶ Lire la fenêtre</translation>
    </message>
    <message>
        <source>▶ Surest correct {name}</source>
        <translation>▶ {name} correct le plus sûr</translation>
    </message>
</context>
<context>
    <name>ClassStatsView</name>
    <message numerus="yes">
        <source> (%n excluded)</source>
        <translation>
            <numerusform> (%Ln exclue)</numerusform>
            <numerusform> (%Ln exclues)</numerusform>
        </translation>
    </message>
    <message>
        <source> (excluded)</source>
        <translation> (exclue)</translation>
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
            <numerusform>%Ln fichier classé</numerusform>
            <numerusform>%Ln fichiers classés</numerusform>
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
            <numerusform>Classement de %Ln fichier…</numerusform>
            <numerusform>Classement de %Ln fichiers…</numerusform>
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
        <source>Playing {label} from {start} s to {end} s</source>
        <translation>Lecture de {label} de {start} s à {end} s</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Confiance</translation>
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
            <numerusform>%Ln ligne écrite dans {path}</numerusform>
            <numerusform>%Ln lignes écrites dans {path}</numerusform>
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
    <name>ConfigErrors</name>
    <message>
        <source>--set {key}: no section {part!r}</source>
        <translation>--set {key}&#xa0;: pas de section {part!r}</translation>
    </message>
    <message>
        <source>--set {key}: unknown field {leaf!r}</source>
        <translation>--set {key}&#xa0;: champ inconnu {leaf!r}</translation>
    </message>
    <message>
        <source>--set {key}={value}: cannot parse as {kind}</source>
        <translation>--set {key}={value}&#xa0;: illisible comme {kind}</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <source>cannot resume with a changed {details}; these change the model&apos;s shape or what a sample means. Start a new run instead.</source>
        <translation>impossible de reprendre avec {details} modifié&#xa0;; cela change la forme du modèle ou ce que représente un échantillon. Créez plutôt un nouvel entraînement.</translation>
    </message>
    <message>
        <source>classify.label_smoothing: must be in [0, 1)</source>
        <translation>classify.label_smoothing&#xa0;: doit être ≥ 0 et &lt; 1</translation>
    </message>
    <message>
        <source>classify.max_per_class: must be &gt;= 0 (0: all)</source>
        <translation>classify.max_per_class&#xa0;: doit être ≥ 0 (0&#xa0;: tout)</translation>
    </message>
    <message>
        <source>data.corrupt.rt60_s: needs (low, high) within 0.05-3 s, got {rt60}</source>
        <translation>data.corrupt.rt60_s&#xa0;: il faut (bas, haut) entre 0,05 et 3 s, reçu {rt60}</translation>
    </message>
    <message>
        <source>data.corrupt: dB must be &gt;= 0</source>
        <translation>data.corrupt&#xa0;: les dB doivent être ≥ 0</translation>
    </message>
    <message>
        <source>data.hop_fraction: must be in [0.1, 1]</source>
        <translation>data.hop_fraction&#xa0;: doit être entre 0,1 et 1</translation>
    </message>
    <message>
        <source>data.noise.kinds: unknown {bad}; use {kinds}</source>
        <translation>data.noise.kinds&#xa0;: inconnus {bad}&#xa0;; utilisez {kinds}</translation>
    </message>
    <message>
        <source>data.noise.levels: amplitudes must be in (0, 1], got {levels}</source>
        <translation>data.noise.levels&#xa0;: les amplitudes doivent être &gt; 0 et ≤ 1, reçu {levels}</translation>
    </message>
    <message>
        <source>data.noise.mode: {mode!r} is not snr|levels</source>
        <translation>data.noise.mode&#xa0;: {mode!r} n&apos;est pas snr|levels</translation>
    </message>
    <message>
        <source>data.quality_every: must be &gt;= 0 (0 disables)</source>
        <translation>data.quality_every&#xa0;: doit être ≥ 0 (0 désactive)</translation>
    </message>
    <message>
        <source>data.segment_samples: a U-Net of depth {depth} halves the signal {depth} times, so segments must be divisible by {step}; {samples} is not (try {fit})</source>
        <translation>data.segment_samples&#xa0;: un U-Net de profondeur {depth} divise le signal par deux {depth} fois, les segments doivent donc être divisibles par {step}&#xa0;; {samples} ne l&apos;est pas (essayez {fit})</translation>
    </message>
    <message>
        <source>data.segment_samples: over 60 s</source>
        <translation>data.segment_samples&#xa0;: plus de 60 s</translation>
    </message>
    <message>
        <source>data.segment_samples: {samples} is shorter than 256 samples</source>
        <translation>data.segment_samples&#xa0;: {samples} est plus court que 256 échantillons</translation>
    </message>
    <message>
        <source>data.segment_samples: {samples} is shorter than model.n_fft {n_fft}</source>
        <translation>data.segment_samples&#xa0;: {samples} est plus court que model.n_fft ({n_fft})</translation>
    </message>
    <message>
        <source>data.silence_min_s: must be &gt;= 0 s</source>
        <translation>data.silence_min_s&#xa0;: doit être ≥ 0 s</translation>
    </message>
    <message>
        <source>data.task: {task!r} is not one of {tasks}</source>
        <translation>data.task&#xa0;: {task!r} n&apos;est pas parmi {tasks}</translation>
    </message>
    <message>
        <source>model.channels</source>
        <translation>model.channels&#xa0;: doit être ≥ 1 et ≤ model.max_channels</translation>
    </message>
    <message>
        <source>model.core: {core!r} not gru|dilated</source>
        <translation>model.core&#xa0;: {core!r} n&apos;est pas gru|dilated</translation>
    </message>
    <message>
        <source>model.hidden/layers: over 4096/32</source>
        <translation>model.hidden/layers&#xa0;: au-delà de 4096/32</translation>
    </message>
    <message>
        <source>model.hidden/layers: too small</source>
        <translation>model.hidden/layers&#xa0;: trop petits</translation>
    </message>
    <message>
        <source>model.hop: must be in (0, n_fft]</source>
        <translation>model.hop&#xa0;: doit être &gt; 0 et ≤ n_fft</translation>
    </message>
    <message>
        <source>model.kernel: {kernel} must be odd (zero delay)</source>
        <translation>model.kernel&#xa0;: {kernel} doit être impair (sans retard)</translation>
    </message>
    <message>
        <source>model.kind: {kind!r} does not fit the task {task!r}; use one of {fits}</source>
        <translation>model.kind&#xa0;: {kind!r} ne convient pas à la tâche {task!r}&#xa0;; utilisez l&apos;un de {fits}</translation>
    </message>
    <message>
        <source>optim.lr: {lr} must be &gt; 0</source>
        <translation>optim.lr&#xa0;: {lr} doit être &gt; 0</translation>
    </message>
    <message>
        <source>optim.plateau_factor: must be in (0, 1)</source>
        <translation>optim.plateau_factor&#xa0;: doit être &gt; 0 et &lt; 1</translation>
    </message>
    <message>
        <source>preset: unknown preset {name!r}; use {presets}</source>
        <translation>preset&#xa0;: préréglage inconnu {name!r}&#xa0;; utilisez {presets}</translation>
    </message>
    <message>
        <source>run.epochs: {epochs} must be &gt;= 1</source>
        <translation>run.epochs&#xa0;: {epochs} doit être ≥ 1</translation>
    </message>
    <message>
        <source>run.keep_last/max_nan_retries</source>
        <translation>run.keep_last/max_nan_retries&#xa0;: doivent être ≥ 0</translation>
    </message>
    <message>
        <source>text</source>
        <translation>du texte</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>{key}: expected a list, got {value!r}</source>
        <translation>{key}&#xa0;: une liste attendue, reçu {value!r}</translation>
    </message>
    <message>
        <source>{key}: expected {kind}, got {value!r}</source>
        <translation>{key}&#xa0;: {kind} attendu, reçu {value!r}</translation>
    </message>
    <message>
        <source>{key}: {value} is not a finite number</source>
        <translation>{key}&#xa0;: {value} n&apos;est pas un nombre fini</translation>
    </message>
    <message>
        <source>{name}: even and &gt;= {low}</source>
        <translation>{name}&#xa0;: doit être pair et ≥ {low}</translation>
    </message>
    <message>
        <source>{name}: expected a mapping, got {kind}</source>
        <translation>{name}&#xa0;: un dictionnaire attendu, reçu {kind}</translation>
    </message>
    <message>
        <source>{name}: in (0, win_length]</source>
        <translation>{name}&#xa0;: doit être &gt; 0 et ≤ win_length</translation>
    </message>
    <message>
        <source>{name}: in (0, window_s]</source>
        <translation>{name}&#xa0;: doit être &gt; 0 et ≤ window_s</translation>
    </message>
    <message>
        <source>{name}: must be &gt; 0</source>
        <translation>{name}&#xa0;: doit être &gt; 0</translation>
    </message>
    <message>
        <source>{name}: must be &gt;= {low}</source>
        <translation>{name}&#xa0;: doit être ≥ {low}</translation>
    </message>
    <message>
        <source>{name}: must be in (0, n_fft]</source>
        <translation>{name}&#xa0;: doit être &gt; 0 et ≤ n_fft</translation>
    </message>
    <message>
        <source>{name}: must be in {low}..{high}</source>
        <translation>{name}&#xa0;: doit être entre {low} et {high}</translation>
    </message>
    <message>
        <source>{name}: needs (low, high) with low &lt;= high, got {pair}</source>
        <translation>{name}&#xa0;: il faut (bas, haut) avec bas ≤ haut, reçu {pair}</translation>
    </message>
    <message>
        <source>{name}: probability {p} not in [0, 1]</source>
        <translation>{name}&#xa0;: la probabilité {p} n&apos;est pas entre 0 et 1</translation>
    </message>
    <message>
        <source>{name}: rates must be &gt; 0.25</source>
        <translation>{name}&#xa0;: les taux doivent être &gt; 0,25</translation>
    </message>
    <message>
        <source>{name}: rates must be within [0.5, 2], got {rates}</source>
        <translation>{name}&#xa0;: les taux doivent être entre 0,5 et 2, reçu {rates}</translation>
    </message>
    <message>
        <source>{name}: unknown fields {fields}</source>
        <translation>{name}&#xa0;: champs inconnus {fields}</translation>
    </message>
    <message>
        <source>{name}: {f_max} not in (f_min, {nyquist:g}] Hz (0: {nyquist:g})</source>
        <translation>{name}&#xa0;: {f_max} n&apos;est pas &gt; f_min et ≤ {nyquist:g} Hz (0&#xa0;: {nyquist:g})</translation>
    </message>
    <message>
        <source>{name}: {f_min} not below {nyquist:g} Hz</source>
        <translation>{name}&#xa0;: {f_min} n&apos;est pas sous {nyquist:g} Hz</translation>
    </message>
    <message>
        <source>{name}: {rate} Hz</source>
        <translation>{name}&#xa0;: {rate} Hz n&apos;est pas entre 8&#xa0;000 et 192&#xa0;000 Hz</translation>
    </message>
    <message>
        <source>{name}: {value!r}</source>
        <translation>{name}&#xa0;: {value!r} inconnu</translation>
    </message>
    <message>
        <source>{name}: {value!r} not in {choices}</source>
        <translation>{name}&#xa0;: {value!r} n&apos;est pas parmi {choices}</translation>
    </message>
    <message>
        <source>{name}: {value} not in {low}..{high}</source>
        <translation>{name}&#xa0;: {value} n&apos;est pas entre {low} et {high}</translation>
    </message>
    <message>
        <source>{name}: {window_s} not in 0.1..30 s</source>
        <translation>{name}&#xa0;: {window_s} n&apos;est pas entre 0,1 et 30 s</translation>
    </message>
    <message>
        <source>{path}: cannot read config ({error})</source>
        <translation>{path}&#xa0;: configuration illisible ({error})</translation>
    </message>
</context>
<context>
    <name>ConfigValue</name>
    <message>
        <source>auto</source>
        <translation>automatique</translation>
    </message>
    <message>
        <source>babble</source>
        <translation>brouhaha</translation>
    </message>
    <message>
        <source>band_gru</source>
        <translation>GRU par bandes</translation>
    </message>
    <message>
        <source>brown</source>
        <translation>brun</translation>
    </message>
    <message>
        <source>classify</source>
        <translation>classification</translation>
    </message>
    <message>
        <source>clicks</source>
        <translation>clics</translation>
    </message>
    <message>
        <source>cnn_large</source>
        <translation>CNN grand</translation>
    </message>
    <message>
        <source>cnn_small</source>
        <translation>CNN petit</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>cosinus</translation>
    </message>
    <message>
        <source>cpu</source>
        <translation>cpu</translation>
    </message>
    <message>
        <source>cuda</source>
        <translation>cuda</translation>
    </message>
    <message>
        <source>denoise</source>
        <translation>débruitage</translation>
    </message>
    <message>
        <source>disk</source>
        <translation>disque</translation>
    </message>
    <message>
        <source>hum</source>
        <translation>ronflement secteur</translation>
    </message>
    <message>
        <source>levels</source>
        <translation>niveaux</translation>
    </message>
    <message>
        <source>mps</source>
        <translation>mps</translation>
    </message>
    <message>
        <source>music</source>
        <translation>musique</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>oversample</source>
        <translation>suréchantillonnage</translation>
    </message>
    <message>
        <source>paired</source>
        <translation>paires</translation>
    </message>
    <message>
        <source>pink</source>
        <translation>rose</translation>
    </message>
    <message>
        <source>plateau</source>
        <translation>sur plateau</translation>
    </message>
    <message>
        <source>project</source>
        <translation>projet</translation>
    </message>
    <message>
        <source>ram</source>
        <translation>RAM</translation>
    </message>
    <message>
        <source>snr</source>
        <translation>RSB</translation>
    </message>
    <message>
        <source>spectral_mask</source>
        <translation>masque spectral</translation>
    </message>
    <message>
        <source>speech</source>
        <translation>parole</translation>
    </message>
    <message>
        <source>speech_small</source>
        <translation>parole (petit)</translation>
    </message>
    <message>
        <source>tones</source>
        <translation>tonalités</translation>
    </message>
    <message>
        <source>unet</source>
        <translation>U-Net</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>pondéré</translation>
    </message>
    <message>
        <source>white</source>
        <translation>blanc</translation>
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
        <translation>Confiance</translation>
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
    <message numerus="yes">
        <source>%n clip(s) are shorter than {seconds:g} s and add little</source>
        <translation>
            <numerusform>%Ln extrait dure moins de {seconds:g} s et apporte peu</numerusform>
            <numerusform>%Ln extraits durent moins de {seconds:g} s et apportent peu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) clip: re-record quieter or exclude the clipped parts</source>
        <translation>
            <numerusform>%Ln fichier sature : réenregistrez-le moins fort ou excluez les parties saturées</numerusform>
            <numerusform>%Ln fichiers saturent : réenregistrez-les moins fort ou excluez les parties saturées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input file(s)</source>
        <translation>
            <numerusform>%Ln fichier d&apos;entrée</numerusform>
            <numerusform>%Ln fichiers d&apos;entrée</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source file(s) are missing or changed since import</source>
        <translation>
            <numerusform>%Ln fichier source manque ou a changé depuis l&apos;import</numerusform>
            <numerusform>%Ln fichiers source manquent ou ont changé depuis l&apos;import</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n speech file(s) were recorded below the training rate: the model learns an empty top band from them; train at their rate or record at a higher one</source>
        <translation>
            <numerusform>%Ln fichier de parole a été enregistré sous le taux d&apos;entraînement : le modèle en apprend une bande haute vide ; entraînez à son taux ou enregistrez à un taux plus élevé</numerusform>
            <numerusform>%Ln fichiers de parole ont été enregistrés sous le taux d&apos;entraînement : le modèle en apprend une bande haute vide ; entraînez à leur taux ou enregistrez à un taux plus élevé</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target file(s)</source>
        <translation>
            <numerusform>%Ln fichier cible</numerusform>
            <numerusform>%Ln fichiers cibles</numerusform>
        </translation>
    </message>
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
    <message numerus="yes">
        <source>only %n segment(s) per epoch: use shorter segments, more augmentation or more data</source>
        <translation>
            <numerusform>seulement %Ln segment par époque : prenez des segments plus courts, plus d&apos;augmentation ou plus de données</numerusform>
            <numerusform>seulement %Ln segments par époque : prenez des segments plus courts, plus d&apos;augmentation ou plus de données</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>paired audio (%n pair(s))</source>
        <translation>
            <numerusform>audio apparié (%Ln paire)</numerusform>
            <numerusform>audio apparié (%Ln paires)</numerusform>
        </translation>
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
        <source>{inputs} and {targets} have no partner and are not used for paired training</source>
        <translation>{inputs} et {targets} sans partenaire ne servent pas à l&apos;entraînement apparié</translation>
    </message>
</context>
<context>
    <name>DatasetHealth</name>
    <message numerus="yes">
        <source>%n channel(s); most files have {major}</source>
        <translation>
            <numerusform>%Ln canal ; la plupart des fichiers en ont {major}</numerusform>
            <numerusform>%Ln canaux ; la plupart des fichiers en ont {major}</numerusform>
        </translation>
    </message>
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
</context>
<context>
    <name>DatasetStats</name>
    <message>
        <source>  {role:&lt;7} {files:&gt;11}  {seconds:&gt;9}  voiced {voiced:&gt;9}  segments {segments}</source>
        <translation>  {role:&lt;7} {files:&gt;12}  {seconds:&gt;9}  voisé {voiced:&gt;9}  segments {segments}</translation>
    </message>
    <message>
        <source> (estimate: some clips not measured)</source>
        <translation> (estimation : certains extraits non mesurés)</translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%Ln canal</numerusform>
            <numerusform>%Ln canaux</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%Ln extrait</numerusform>
            <numerusform>%Ln extraits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%Ln époque</numerusform>
            <numerusform>%Ln époques</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%Ln fichier</numerusform>
            <numerusform>%Ln fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>advice:</source>
        <translation>conseils :</translation>
    </message>
    <message numerus="yes">
        <source>health: %n file(s) with problems</source>
        <translation>
            <numerusform>santé : %Ln fichier à problèmes</numerusform>
            <numerusform>santé : %Ln fichiers à problèmes</numerusform>
        </translation>
    </message>
    <message>
        <source>health: no problems found</source>
        <translation>santé : aucun problème trouvé</translation>
    </message>
    <message>
        <source>most files: {rate} Hz, {channels}</source>
        <translation>la plupart des fichiers : {rate} Hz, {channels}</translation>
    </message>
    <message>
        <source>pairs: {n} (unpaired: {inputs} inputs, {targets} targets)</source>
        <translation>paires : {n} (sans partenaire : {inputs} entrées, {targets} cibles)</translation>
    </message>
    <message>
        <source>segments of {seconds:g} s ({task}): {base} × augmentation {aug:g} = {per_epoch} per epoch, {total} over {epochs}</source>
        <translation>segments de {seconds:g} s ({task}) : {base} × augmentation {aug:g} = {per_epoch} par époque, {total} sur {epochs}</translation>
    </message>
    <message>
        <source>{clips}, {total} in total, {voiced} voiced{estimate} (full mode)</source>
        <translation>{clips}, {total} au total, {voiced} voisés{estimate} (mode complet)</translation>
    </message>
    <message>
        <source>{clips}, {total} in total, {voiced} voiced{estimate} (headers mode)</source>
        <translation>{clips}, {total} au total, {voiced} voisés{estimate} (mode en-têtes)</translation>
    </message>
</context>
<context>
    <name>DatasetStatsPanel</name>
    <message numerus="yes">
        <source>%n clip(s) measured in {seconds:.1f} s</source>
        <translation>
            <numerusform>%Ln extrait mesuré en {seconds:.1f} s</numerusform>
            <numerusform>%Ln extraits mesurés en {seconds:.1f} s</numerusform>
        </translation>
    </message>
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
</context>
<context>
    <name>DatasetTab</name>
    <message numerus="yes">
        <source>%n clip(s) in the project. Drop files or folders to add.</source>
        <translation>
            <numerusform>%Ln extrait dans le projet. Déposez des fichiers ou des dossiers pour en ajouter.</numerusform>
            <numerusform>%Ln extraits dans le projet. Déposez des fichiers ou des dossiers pour en ajouter.</numerusform>
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
        <translation>Confiance</translation>
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
    <name>Devices</name>
    <message>
        <source>GPU {index} ({device})</source>
        <translation>le GPU {index} ({device})</translation>
    </message>
    <message>
        <source>the Apple GPU ({device})</source>
        <translation>le GPU Apple ({device})</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>le processeur</translation>
    </message>
    <message>
        <source>the GPU ({device})</source>
        <translation>le GPU ({device})</translation>
    </message>
    <message>
        <source>the fastest device here ({device})</source>
        <translation>le plus rapide des appareils ici ({device})</translation>
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
        <source>Fade in</source>
        <comment>button: may be two lines</comment>
        <translation>Fondu en
ouverture</translation>
    </message>
    <message>
        <source>Fade out</source>
        <translation>Fondu en fermeture</translation>
    </message>
    <message>
        <source>Fade out</source>
        <comment>button: may be two lines</comment>
        <translation>Fondu en
fermeture</translation>
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
        <translation>Lire la sél.</translation>
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
        <translation>Aimanter (Z)</translation>
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
        <source>Split at cursor</source>
        <comment>button: may be two lines</comment>
        <translation>Diviser au
curseur</translation>
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
        <translation>Zoom +</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom −</translation>
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
        <translation>puiss. égale</translation>
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
    <name>ExportNotes</name>
    <message>
        <source>no piece of {low:g}–{high:g} s</source>
        <translation>aucun morceau de {low:g} à {high:g} s</translation>
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
            <numerusform> ; %Ln extrait n&apos;a donné aucun morceau</numerusform>
            <numerusform> ; %Ln extraits n&apos;ont donné aucun morceau</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed ({name}: {reason})</source>
        <translation>
            <numerusform> ; %Ln échec ({name} : {reason})</numerusform>
            <numerusform> ; %Ln échecs ({name} : {reason})</numerusform>
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
            <numerusform>%Ln fichier exporté</numerusform>
            <numerusform>%Ln fichiers exportés</numerusform>
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
        <translation>Sans les zones exclues</translation>
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
    <message numerus="yes">
        <source>%n edit(s) applied</source>
        <translation>
            <numerusform>%Ln modification appliquée</numerusform>
            <numerusform>%Ln modifications appliquées</numerusform>
        </translation>
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
    <name>FileFilters</name>
    <message>
        <source>Audio and video ({patterns});;All files (*)</source>
        <translation>Audio et vidéo ({patterns});;Tous les fichiers (*)</translation>
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
    <message numerus="yes">
        <source>Class of %n clip(s): a new name or one of the project&apos;s</source>
        <translation>
            <numerusform>Classe de %Ln extrait&#xa0;: un nouveau nom ou une classe du projet</numerusform>
            <numerusform>Classe de %Ln extraits&#xa0;: un nouveau nom ou une classe du projet</numerusform>
        </translation>
    </message>
    <message>
        <source>Class…</source>
        <translation>Classe…</translation>
    </message>
    <message>
        <source>No class</source>
        <translation>Aucune classe</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n clip(s) from project (keeps the files)</source>
        <translation>
            <numerusform>Retirer l&apos;extrait du projet (garde le fichier)</numerusform>
            <numerusform>Retirer %Ln extraits du projet (garde les fichiers)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowWorker</name>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>impossible de lire {path}&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>FormFields</name>
    <message>
        <source>Noise kind {kind}</source>
        <translation>Type de bruit {kind}</translation>
    </message>
    <message>
        <source>Noise kinds</source>
        <translation>Types de bruit</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>pas un nombre</translation>
    </message>
    <message>
        <source>two numbers separated by a comma</source>
        <translation>deux nombres séparés par une virgule</translation>
    </message>
    <message>
        <source>{text} is not a valid value ({reason})</source>
        <translation>{text} n&apos;est pas une valeur valable ({reason})</translation>
    </message>
</context>
<context>
    <name>HardwareAdvice</name>
    <message>
        <source> (training steps only; validation and data loading add to it)</source>
        <translation> (étapes d&apos;entraînement seules&#xa0;; la validation et le chargement des données s&apos;y ajoutent)</translation>
    </message>
    <message>
        <source> against {speed:.0f} at {batch}</source>
        <translation> contre {speed:.0f} à {batch}</translation>
    </message>
    <message numerus="yes">
        <source>%n core(s), one kept for the training loop</source>
        <translation>
            <numerusform>%Ln cœur, gardé pour la boucle d&apos;entraînement</numerusform>
            <numerusform>%Ln cœurs, dont un gardé pour la boucle d&apos;entraînement</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%Ln étape</numerusform>
            <numerusform>%Ln étapes</numerusform>
        </translation>
    </message>
    <message>
        <source>1 data loading worker</source>
        <translation>1 processus de chargement des données</translation>
    </message>
    <message numerus="yes">
        <source>; %n epoch(s) fit in {budget}</source>
        <translation>
            <numerusform>&#xa0;; %Ln époque tient en {budget}</numerusform>
            <numerusform>&#xa0;; %Ln époques tiennent en {budget}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n epoch(s) take about {total}</source>
        <translation>
            <numerusform>&#xa0;; %Ln époque prend environ {total}</numerusform>
            <numerusform>&#xa0;; %Ln époques prennent environ {total}</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch size: {batch}, from a table for {what} ({why}).</source>
        <translation>Taille de lot&#xa0;: {batch}, d&apos;après une table pour {what} ({why}).</translation>
    </message>
    <message>
        <source>Batch size: {batch}, measured: {why}. A training step at {batch} peaks at {peak}, within {share:.0%} of the {free} free ({kind}).</source>
        <translation>Taille de lot&#xa0;: {batch}, mesurée&#xa0;: {why}. Une étape d&apos;entraînement à {batch} culmine à {peak}, dans les {share:.0%} des {free} libres ({kind}).</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>les processeurs</translation>
    </message>
    <message>
        <source>Cache: in RAM. The decoded dataset ({need}) fits easily in {available} available, so epochs never wait for the disk.</source>
        <translation>Mise en cache&#xa0;: en RAM. Le jeu de données décodé ({need}) tient largement dans les {available} disponibles, les époques n&apos;attendent donc jamais le disque.</translation>
    </message>
    <message>
        <source>Cache: in RAM. {what} fits easily in {available} available, so epochs never wait for the disk.</source>
        <translation>Mise en cache&#xa0;: en RAM. {what} tient largement dans les {available} disponibles, les époques n&apos;attendent donc jamais le disque.</translation>
    </message>
    <message>
        <source>Cache: on disk until the dataset size is known.</source>
        <translation>Mise en cache&#xa0;: sur disque tant que la taille du jeu de données n&apos;est pas connue.</translation>
    </message>
    <message>
        <source>Cache: on disk, memory-mapped. {what} is more than {share:.0%} of the {available} of RAM available. Fewer mel bins, a larger hop, fewer variants or a lower max_per_class make it smaller.</source>
        <translation>Mise en cache&#xa0;: sur disque, lu par projection en mémoire. {what} dépasse {share:.0%} des {available} de RAM disponibles. Moins de bandes mel, un pas plus grand, moins de variantes ou un max_per_class plus bas le réduisent.</translation>
    </message>
    <message>
        <source>Cache: on disk. The decoded dataset ({need}) is more than {share:.0%} of the {available} of RAM available; a disk cache of decoded audio still saves decoding each epoch.</source>
        <translation>Mise en cache&#xa0;: sur disque. Le jeu de données décodé ({need}) dépasse {share:.0%} des {available} de RAM disponibles&#xa0;; un cache disque de l&apos;audio décodé évite quand même de décoder à chaque époque.</translation>
    </message>
    <message>
        <source>DataLoader workers: {workers} ({why}).</source>
        <translation>Processus de chargement (DataLoader)&#xa0;: {workers} ({why}).</translation>
    </message>
    <message>
        <source>Measured on the CPU, although this machine has {gpu}; measure on the GPU to train there, usually many times faster.</source>
        <translation>Mesuré sur le processeur, alors que cette machine a un {gpu}&#xa0;; mesurez sur le GPU pour y entraîner, en général bien plus vite.</translation>
    </message>
    <message>
        <source>No GPU found: training runs on the CPU, often 10-50× slower than on a recent NVIDIA card. Fine for small models and short runs; for long ones use a GPU machine or Colab.</source>
        <translation>Aucun GPU trouvé&#xa0;: l&apos;entraînement se fait sur le processeur, souvent 10 à 50 fois plus lentement que sur une carte NVIDIA récente. Bien pour les petits modèles et les entraînements courts&#xa0;; pour les longs, utilisez une machine avec GPU ou Colab.</translation>
    </message>
    <message>
        <source>Not even one epoch fits in the time you have.</source>
        <translation>Pas même une époque ne tient dans le temps dont vous disposez.</translation>
    </message>
    <message>
        <source>Only {free} free at {path}, less than the {need} cache: free space or expect slower epochs.</source>
        <translation>Seulement {free} libres dans {path}, moins que les {need} du cache&#xa0;: libérez de la place ou attendez-vous à des époques plus lentes.</translation>
    </message>
    <message>
        <source>Only {free} free at {path}: checkpoints and audio samples need room.</source>
        <translation>Seulement {free} libres dans {path}&#xa0;: les points de contrôle et les échantillons audio ont besoin de place.</translation>
    </message>
    <message>
        <source>Other programs hold {others} of the {total} on {gpu}. Batch advice uses only what is free now; close them (games, GPU-accelerated browsers, another training) for a bigger batch, and do not start them during training.</source>
        <translation>D&apos;autres programmes occupent {others} des {total} de {gpu}. Le conseil de lot ne compte que ce qui est libre maintenant&#xa0;; fermez-les (jeux, navigateurs accélérés par le GPU, autre entraînement) pour un lot plus grand, et ne les lancez pas pendant l&apos;entraînement.</translation>
    </message>
    <message>
        <source>Precision: bf16 mixed precision. Same range as fp32 so no loss scaling, roughly half the activation memory and faster steps on this card.</source>
        <translation>Précision&#xa0;: mixte bf16. Même plage que le fp32, donc pas de mise à l&apos;échelle de la perte, environ moitié moins de mémoire d&apos;activations et des étapes plus rapides sur cette carte.</translation>
    </message>
    <message>
        <source>Precision: fp16 mixed precision with loss scaling (this card has tensor cores but no fast bf16). If the loss turns NaN, switch to fp32.</source>
        <translation>Précision&#xa0;: mixte fp16 avec mise à l&apos;échelle de la perte (cette carte a des cœurs tenseurs mais pas de bf16 rapide). Si la perte devient NaN, passez en fp32.</translation>
    </message>
    <message>
        <source>Precision: fp32 on the Apple GPU; float16 autocast works there but gains little for these models and can lose accuracy.</source>
        <translation>Précision&#xa0;: fp32 sur le GPU Apple&#xa0;; l&apos;autocast float16 y fonctionne mais apporte peu pour ces modèles et peut coûter en exactitude.</translation>
    </message>
    <message>
        <source>Precision: fp32. Mixed precision on a CPU only pays off on server CPUs with AMX; it can be slower elsewhere.</source>
        <translation>Précision&#xa0;: fp32. La précision mixte sur processeur ne rapporte que sur les processeurs de serveur avec AMX&#xa0;; ailleurs elle peut ralentir.</translation>
    </message>
    <message>
        <source>Precision: fp32. This card has no tensor cores, so mixed precision gains little.</source>
        <translation>Précision&#xa0;: fp32. Cette carte n&apos;a pas de cœurs tenseurs, la précision mixte apporte donc peu.</translation>
    </message>
    <message>
        <source>The log-mel feature cache ({need}, {windows} windows)</source>
        <translation>Le cache de caractéristiques log-mel ({need}, {windows} fenêtres)</translation>
    </message>
    <message>
        <source>Time: about {epoch} per epoch ({how})</source>
        <translation>Durée&#xa0;: environ {epoch} par époque ({how})</translation>
    </message>
    <message>
        <source>Time: measure the batch size on a project to get an estimate.</source>
        <translation>Durée&#xa0;: mesurez la taille de lot sur un projet pour obtenir une estimation.</translation>
    </message>
    <message>
        <source>Training runs on {gpu} ({total}, {free} free).</source>
        <translation>L&apos;entraînement se fait sur {gpu} ({total}, {free} libres).</translation>
    </message>
    <message>
        <source>audio decoded again each epoch</source>
        <translation>audio décodé à nouveau à chaque époque</translation>
    </message>
    <message>
        <source>batch size {batch}</source>
        <translation>taille de lot {batch}</translation>
    </message>
    <message>
        <source>bf16 mixed precision</source>
        <translation>précision mixte bf16</translation>
    </message>
    <message>
        <source>cache {value}</source>
        <translation>cache {value}</translation>
    </message>
    <message>
        <source>data prepared in the training process (no loader workers)</source>
        <translation>données préparées dans le processus d&apos;entraînement (sans processus de chargement)</translation>
    </message>
    <message>
        <source>decoded audio cached on disk</source>
        <translation>audio décodé mis en cache sur disque</translation>
    </message>
    <message>
        <source>decoded audio kept in RAM</source>
        <translation>audio décodé gardé en RAM</translation>
    </message>
    <message>
        <source>fp16 mixed precision</source>
        <translation>précision mixte fp16</translation>
    </message>
    <message>
        <source>full precision (fp32)</source>
        <translation>pleine précision (fp32)</translation>
    </message>
    <message>
        <source>limited by {free} free RAM, about 0.75 GB each</source>
        <translation>limité par les {free} de RAM libre, environ 0,75 Go chacun</translation>
    </message>
    <message>
        <source>mixed on the fly</source>
        <translation>mélangés à la volée</translation>
    </message>
    <message>
        <source>one core: data is prepared in the training process</source>
        <translation>un seul cœur&#xa0;: les données sont préparées dans le processus d&apos;entraînement</translation>
    </message>
    <message>
        <source>precision {value}</source>
        <translation>précision {value}</translation>
    </message>
    <message>
        <source>read from the training cache</source>
        <translation>lus depuis le cache d&apos;entraînement</translation>
    </message>
    <message>
        <source>run the probe to measure it for your model</source>
        <translation>lancez la mesure pour la connaître pour votre modèle</translation>
    </message>
    <message>
        <source>the cache chosen by size</source>
        <translation>le cache choisi selon la taille</translation>
    </message>
    <message>
        <source>the fastest per example measured ({speed:.0f} examples/s{against}; up to {largest} fits, but bigger batches are not always faster)</source>
        <translation>la plus rapide par exemple mesurée ({speed:.0f} exemples/s{against}&#xa0;; jusqu&apos;à {largest} tient en mémoire, mais un lot plus grand n&apos;est pas toujours plus rapide)</translation>
    </message>
    <message>
        <source>the largest that fits</source>
        <translation>la plus grande qui tient en mémoire</translation>
    </message>
    <message>
        <source>the largest that fits, and as fast per example as any measured ({speed:.0f} examples/s)</source>
        <translation>la plus grande qui tient en mémoire, et aussi rapide par exemple que toutes celles mesurées ({speed:.0f} exemples/s)</translation>
    </message>
    <message>
        <source>the precision chosen for the card</source>
        <translation>la précision choisie pour la carte</translation>
    </message>
    <message>
        <source>the probe found that not even one example fits</source>
        <translation>la mesure a montré que pas même un exemple ne tient</translation>
    </message>
    <message>
        <source>this much free memory</source>
        <translation>cette mémoire libre</translation>
    </message>
    <message>
        <source>torch.compile off</source>
        <translation>torch.compile désactivé</translation>
    </message>
    <message>
        <source>torch.compile on</source>
        <translation>torch.compile activé</translation>
    </message>
    <message>
        <source>torch.compile: off. It needs Triton, which PyTorch ships on Linux only.</source>
        <translation>torch.compile&#xa0;: désactivé. Il lui faut Triton, que PyTorch ne fournit que sous Linux.</translation>
    </message>
    <message>
        <source>torch.compile: off. Its gains are on NVIDIA GPUs; here it mostly adds start-up time.</source>
        <translation>torch.compile&#xa0;: désactivé. Ses gains sont sur les GPU NVIDIA&#xa0;; ici il ajoute surtout du temps au démarrage.</translation>
    </message>
    <message>
        <source>torch.compile: off. Triton needs a Volta (7.0) or newer card.</source>
        <translation>torch.compile&#xa0;: désactivé. Triton demande une carte Volta (7.0) ou plus récente.</translation>
    </message>
    <message>
        <source>torch.compile: worth trying for runs over about half an hour. The first steps take a minute or two to compile, then steps usually run 1.2-1.5× faster.</source>
        <translation>torch.compile&#xa0;: à essayer pour les entraînements de plus d&apos;une demi-heure environ. Les premières étapes prennent une minute ou deux à compiler, puis les étapes vont en général 1,2 à 1,5 fois plus vite.</translation>
    </message>
    <message>
        <source>training on {device}</source>
        <translation>entraînement sur {device}</translation>
    </message>
    <message>
        <source>two loader processes prepare the next batches while the model trains, so steps do not wait for data (15-50 % of each step without them, measured on 2 cores)</source>
        <translation>deux processus de chargement préparent les lots suivants pendant que le modèle s&apos;entraîne, les étapes n&apos;attendent donc pas les données (15 à 50&#xa0;% de chaque étape sans eux, mesuré sur 2 cœurs)</translation>
    </message>
    <message>
        <source>{gpu}: GTX 16xx cards are known to produce NaN losses with fp16 mixed precision. Train in fp32 (the default here); bf16 is not supported by this card.</source>
        <translation>{gpu}&#xa0;: les cartes GTX 16xx sont connues pour donner des pertes NaN en précision mixte fp16. Entraînez en fp32 (le choix par défaut ici)&#xa0;; cette carte ne prend pas en charge le bf16.</translation>
    </message>
    <message>
        <source>{key} {value}</source>
        <translation>{key} {value}</translation>
    </message>
    <message>
        <source>{n} data loading workers</source>
        <translation>{n} processus de chargement des données</translation>
    </message>
    <message>
        <source>{steps} × {step:.3g} s measured</source>
        <translation>{steps} × {step:.3g} s mesurées</translation>
    </message>
    <message>
        <source>{steps} × {step:.3g} s, measured on this project&apos;s examples ({fed}; {wait:.2g} s of each step waiting for them), plus {validation} of validation</source>
        <translation>{steps} × {step:.3g} s, mesuré sur les exemples de ce projet ({fed}&#xa0;; {wait:.2g} s de chaque étape à les attendre), plus {validation} de validation</translation>
    </message>
</context>
<context>
    <name>HardwareTab</name>
    <message>
        <source>Detect hardware again</source>
        <translation>Détecter à nouveau le matériel</translation>
    </message>
    <message>
        <source>Detected: {cpu}; {gpus}.</source>
        <translation>Détecté&#xa0;: {cpu}&#xa0;; {gpus}.</translation>
    </message>
    <message>
        <source>Detecting hardware…</source>
        <translation>Détection du matériel…</translation>
    </message>
    <message>
        <source>Detecting hardware… (loading PyTorch)</source>
        <translation>Détection du matériel… (chargement de PyTorch)</translation>
    </message>
    <message>
        <source>Detection failed: {reason}</source>
        <translation>Échec de la détection&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>no GPU</source>
        <translation>pas de GPU</translation>
    </message>
    <message>
        <source>the Training tab&apos;s settings are not valid; fix the fields marked there first</source>
        <translation>les réglages de l&apos;onglet Entraînement ne sont pas valables&#xa0;; corrigez d&apos;abord les champs signalés</translation>
    </message>
</context>
<context>
    <name>ImportBar</name>
    <message numerus="yes">
        <source> (and %n more, listed under Rejected)</source>
        <translation>
            <numerusform> (et %Ln autre, listé sous Refusés)</numerusform>
            <numerusform> (et %Ln autres, listés sous Refusés)</numerusform>
        </translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (annulé)</translation>
    </message>
    <message numerus="yes">
        <source>, %n damaged (kept what decoded)</source>
        <translation>
            <numerusform>, %Ln endommagé (ce qui a été décodé est gardé)</numerusform>
            <numerusform>, %Ln endommagés (ce qui a été décodé est gardé)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, relinked %n moved</source>
        <translation>
            <numerusform>, %Ln déplacé retrouvé</numerusform>
            <numerusform>, %Ln déplacés retrouvés</numerusform>
        </translation>
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
            <numerusform>Import de %Ln chemin comme dossiers de classes…</numerusform>
            <numerusform>Import de %Ln chemins comme dossiers de classes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n path(s)…</source>
        <translation>
            <numerusform>Import de %Ln chemin…</numerusform>
            <numerusform>Import de %Ln chemins…</numerusform>
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
    <message numerus="yes">
        <source>added %n</source>
        <translation>
            <numerusform>%Ln ajouté</numerusform>
            <numerusform>%Ln ajoutés</numerusform>
        </translation>
    </message>
    <message>
        <source>aligning {done}/{total} {name}</source>
        <translation>alignement {done}/{total} {name}</translation>
    </message>
    <message numerus="yes">
        <source>rejected %n</source>
        <translation>
            <numerusform>%Ln refusé</numerusform>
            <numerusform>%Ln refusés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skipped %n</source>
        <translation>
            <numerusform>%Ln ignoré</numerusform>
            <numerusform>%Ln ignorés</numerusform>
        </translation>
    </message>
    <message>
        <source>{done}/{files} decoding {name}: {percent} %</source>
        <translation>{done}/{files} décodage de {name} : {percent} %</translation>
    </message>
</context>
<context>
    <name>ImportNotes</name>
    <message>
        <source>a Wavesmith project folder</source>
        <translation>un dossier de projet Wavesmith</translation>
    </message>
    <message>
        <source>a folder, not an audio file (its contents are searched like any folder&apos;s)</source>
        <translation>un dossier, pas un fichier audio (son contenu est parcouru comme celui de tout dossier)</translation>
    </message>
    <message>
        <source>already in the project</source>
        <translation>déjà dans le projet</translation>
    </message>
    <message>
        <source>already in the project ({why})</source>
        <translation>déjà dans le projet ({why})</translation>
    </message>
    <message>
        <source>already in the project: now in class {label}</source>
        <translation>déjà dans le projet&#xa0;: désormais dans la classe {label}</translation>
    </message>
    <message>
        <source>changed on disk since import</source>
        <translation>modifié sur le disque depuis l&apos;importation</translation>
    </message>
    <message>
        <source>changed on disk since import: remove it and import it again</source>
        <translation>modifié sur le disque depuis l&apos;importation&#xa0;: retirez-le et importez-le à nouveau</translation>
    </message>
    <message>
        <source>duplicate of {path}</source>
        <translation>doublon de {path}</translation>
    </message>
    <message>
        <source>imported audio stream {stream} ({described})</source>
        <translation>flux audio {stream} importé ({described})</translation>
    </message>
    <message>
        <source>its name is not valid UTF-8; rename the file</source>
        <translation>son nom n&apos;est pas en UTF-8 valide&#xa0;; renommez le fichier</translation>
    </message>
    <message>
        <source>named twice in this import</source>
        <translation>nommé deux fois dans cette importation</translation>
    </message>
    <message>
        <source>no role chosen for it</source>
        <translation>aucun rôle choisi pour lui</translation>
    </message>
    <message>
        <source>not in a class folder of {root} (a folder under the root names the class): move it into one, or import it with its class given</source>
        <translation>hors d&apos;un dossier de classe de {root} (un dossier sous la racine nomme la classe)&#xa0;: déplacez-le dans l&apos;un d&apos;eux, ou importez-le en indiquant sa classe</translation>
    </message>
    <message>
        <source>now uses audio stream {stream}</source>
        <translation>utilise désormais le flux audio {stream}</translation>
    </message>
    <message>
        <source>unreadable folder ({why})</source>
        <translation>dossier illisible ({why})</translation>
    </message>
    <message>
        <source>video file: imported its audio stream {stream} ({described}); the picture is not used</source>
        <translation>fichier vidéo&#xa0;: son flux audio {stream} a été importé ({described})&#xa0;; l&apos;image n&apos;est pas utilisée</translation>
    </message>
    <message>
        <source>{count} audio streams, the others: {others}. Pick one with --stream N or the Dataset tab&apos;s Audio stream menu</source>
        <translation>{count} flux audio, les autres&#xa0;: {others}. Choisissez-en un avec --stream N ou le menu Flux audio de l&apos;onglet Données</translation>
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
    <name>ListenSources</name>
    <message>
        <source>Attenuation limit</source>
        <translation>Atténuation max.</translation>
    </message>
    <message>
        <source>Attenuation limit in dB, 0 for the model&apos;s choice</source>
        <translation>Limite d&apos;atténuation en dB, 0 pour le choix du modèle</translation>
    </message>
    <message>
        <source>Cancel</source>
        <comment>abandon the job</comment>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel processing</source>
        <translation>Annuler le traitement</translation>
    </message>
    <message>
        <source>Choose a clean reference file</source>
        <translation>Choisir un fichier de référence propre</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>Choisir un fichier de modèle</translation>
    </message>
    <message>
        <source>Choose an original file</source>
        <translation>Choisir un fichier original</translation>
    </message>
    <message>
        <source>Clean reference</source>
        <translation>Référence propre</translation>
    </message>
    <message>
        <source>Clean reference for metrics</source>
        <translation>Référence propre pour les mesures</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Fichier…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Models ({patterns});;All files (*)</source>
        <translation>Modèles ({patterns});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Objective metrics</source>
        <translation>Mesures objectives</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Fichier d&apos;origine</translation>
    </message>
    <message>
        <source>Original audio</source>
        <translation>Audio original</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Traiter</translation>
    </message>
    <message>
        <source>Process the original</source>
        <translation>Traiter l&apos;original</translation>
    </message>
    <message>
        <source>Processing device</source>
        <translation>Périphérique de traitement</translation>
    </message>
    <message>
        <source>Processing progress</source>
        <translation>Progression du traitement</translation>
    </message>
    <message>
        <source>Strength {percent} %</source>
        <translation>Intensité {percent}&#xa0;%</translation>
    </message>
    <message>
        <source>Strength: 0 is the original, 100 fully processed</source>
        <translation>Intensité&#xa0;: 0 donne l&apos;original, 100 le traitement complet</translation>
    </message>
    <message>
        <source>Turn nothing down by more than this. At 0, the limit the model&apos;s validation chose (none for models without one).</source>
        <translation>N&apos;atténue rien de plus que cette valeur. À 0, la limite choisie par la validation du modèle (aucune pour les modèles qui n&apos;en ont pas).</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatique</translation>
    </message>
    <message>
        <source>model&apos;s choice</source>
        <translation>choix du modèle</translation>
    </message>
    <message>
        <source>none</source>
        <comment>no reference</comment>
        <translation>aucune</translation>
    </message>
    <message>
        <source>on</source>
        <comment>processing on a device</comment>
        <translation>sur</translation>
    </message>
</context>
<context>
    <name>ListenTab</name>
    <message>
        <source>Choose an original and a model, then Process.</source>
        <translation>Choisissez un original et un modèle, puis Traiter.</translation>
    </message>
    <message>
        <source>Drop an audio file to process it here, or a model file to use it.</source>
        <translation>Déposez ici un fichier audio pour le traiter, ou un fichier de modèle pour l&apos;utiliser.</translation>
    </message>
    <message>
        <source>Listen status</source>
        <translation>État de l&apos;écoute</translation>
    </message>
    <message>
        <source>Opened {name} as the original: choose a model, then Process.</source>
        <translation>{name} ouvert comme original&#xa0;: choisissez un modèle, puis Traiter.</translation>
    </message>
    <message>
        <source>Process again to measure against the reference.</source>
        <translation>Traitez à nouveau pour mesurer par rapport à la référence.</translation>
    </message>
</context>
<context>
    <name>MachineCards</name>
    <message>
        <source> (driver supports {version})</source>
        <translation> (le pilote prend en charge {version})</translation>
    </message>
    <message>
        <source>; {cores} usable here</source>
        <translation>&#xa0;; {cores} utilisables ici</translation>
    </message>
    <message>
        <source>&lt;b&gt;No GPU found.&lt;/b&gt; Training will run on the CPU: fine for small models and short runs, slow for long ones.</source>
        <translation>&lt;b&gt;Aucun GPU trouvé.&lt;/b&gt; L&apos;entraînement se fera sur le processeur&#xa0;: bien pour les petits modèles et les entraînements courts, lent pour les longs.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{available}&lt;/b&gt; available&lt;br&gt;of {total} installed</source>
        <translation>&lt;b&gt;{available}&lt;/b&gt; disponibles&lt;br&gt;sur {total} installés</translation>
    </message>
    <message>
        <source>&lt;b&gt;{free}&lt;/b&gt; free of {total} at {path}</source>
        <translation>&lt;b&gt;{free}&lt;/b&gt; libres sur {total} dans {path}</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>Processeur</translation>
    </message>
    <message>
        <source>Compute capability {major}.{minor}; fast {precisions}</source>
        <translation>Capacité de calcul {major}.{minor}&#xa0;; rapide en {precisions}</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Disque</translation>
    </message>
    <message>
        <source>Driver {driver}, CUDA {cuda}{supports}</source>
        <translation>Pilote {driver}, CUDA {cuda}{supports}</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>GPU {index} now: {busy}, {used} of {total} in use{temp}{power}</source>
        <translation>GPU {index} en ce moment&#xa0;: {busy}, {used} sur {total} utilisés{temp}{power}</translation>
    </message>
    <message>
        <source>Live GPU readings</source>
        <translation>Relevés du GPU en direct</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Open a project to see the free space where it lives.</source>
        <translation>Ouvrez un projet pour voir l&apos;espace libre là où il se trouve.</translation>
    </message>
    <message>
        <source>Other programs hold {size}</source>
        <translation>D&apos;autres programmes occupent {size}</translation>
    </message>
    <message>
        <source>bf16 and fp16</source>
        <translation>bf16 et fp16</translation>
    </message>
    <message>
        <source>busy: ?</source>
        <translation>occupation&#xa0;:&#xa0;?</translation>
    </message>
    <message>
        <source>fp32 only</source>
        <translation>fp32 seulement</translation>
    </message>
    <message>
        <source>{cores} cores, {threads} threads{usable}</source>
        <translation>{cores} cœurs, {threads} threads{usable}</translation>
    </message>
    <message>
        <source>{percent:.0f}% busy</source>
        <translation>occupé à {percent:.0f}&#xa0;%</translation>
    </message>
    <message>
        <source>{total} memory, {free} free now</source>
        <translation>{total} de mémoire, {free} libres en ce moment</translation>
    </message>
</context>
<context>
    <name>MachineDetect</name>
    <message>
        <source>CUDA device {index} could not be queried: {reason}</source>
        <translation>Le périphérique CUDA {index} n&apos;a pas pu être interrogé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>NVML could not report the driver version: {reason}</source>
        <translation>NVML n&apos;a pas pu donner la version du pilote&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>No CUDA GPU found (no NVIDIA driver, or no card visible to this process).</source>
        <translation>Aucun GPU CUDA trouvé (pas de pilote NVIDIA, ou aucune carte visible pour ce processus).</translation>
    </message>
    <message>
        <source>PyTorch is not installed: {reason}</source>
        <translation>PyTorch n&apos;est pas installé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>This PyTorch build ({version}) has no GPU support.</source>
        <translation>Cette version de PyTorch ({version}) ne prend pas en charge les GPU.</translation>
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
    <message numerus="yes">
        <source>%n video stream(s)</source>
        <translation>
            <numerusform>%Ln flux vidéo</numerusform>
            <numerusform>%Ln flux vidéo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n damaged packet(s) skipped</source>
        <translation>
            <numerusform> ; %Ln paquet endommagé ignoré</numerusform>
            <numerusform> ; %Ln paquets endommagés ignorés</numerusform>
        </translation>
    </message>
    <message>
        <source>; the container breaks off ({error})</source>
        <translation> ; le conteneur s&apos;interrompt ({error})</translation>
    </message>
    <message>
        <source>changed on disk since import, and its decoded copy was deleted: import it again</source>
        <translation>modifié sur le disque depuis l&apos;importation, et sa copie décodée a été supprimée&#xa0;: importez-le à nouveau</translation>
    </message>
    <message>
        <source>contains NaN/inf samples</source>
        <translation>contient des échantillons NaN/inf</translation>
    </message>
    <message>
        <source>contains NaN/inf samples (near frame {at})</source>
        <translation>contient des échantillons NaN/inf (vers la trame {at})</translation>
    </message>
    <message>
        <source>contains NaN/inf samples ({bad} in the block at frame {at})</source>
        <translation>contient des échantillons NaN/inf ({bad} dans le bloc à la trame {at})</translation>
    </message>
    <message>
        <source>contains no audio frames</source>
        <translation>ne contient aucune trame audio</translation>
    </message>
    <message>
        <source>contains {bad} NaN/inf samples</source>
        <translation>contient {bad} échantillons NaN/inf</translation>
    </message>
    <message>
        <source>corrupt audio data: the {codec} decoder rejected every packet it was given ({bad})</source>
        <translation>données audio corrompues : le décodeur {codec} a rejeté tous les paquets reçus ({bad})</translation>
    </message>
    <message>
        <source>corrupt or unsupported header ({said})</source>
        <translation>en-tête corrompu ou non pris en charge ({said})</translation>
    </message>
    <message>
        <source>damaged: {decoded}{packets}{breaks}; kept what decoded</source>
        <translation>endommagé : {decoded}{packets}{breaks} ; ce qui a été décodé est gardé</translation>
    </message>
    <message>
        <source>decoded {got:.1f} s</source>
        <translation>{got:.1f} s décodées</translation>
    </message>
    <message>
        <source>decoded {got:.1f} s of the {declared:.1f} s the container declares ({percent:.0f} %)</source>
        <translation>{got:.1f} s décodées sur les {declared:.1f} s qu&apos;annonce le conteneur ({percent:.0f} %)</translation>
    </message>
    <message>
        <source>digital silence (every sample is zero)</source>
        <translation>silence numérique (tous les échantillons sont nuls)</translation>
    </message>
    <message>
        <source>edit list cannot be applied ({exc})</source>
        <translation>la liste des modifications ne peut pas être appliquée ({exc})</translation>
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
        <source>has no audio stream {index}: it holds {n}</source>
        <translation>n&apos;a pas de flux audio {index} : il en contient {n}</translation>
    </message>
    <message>
        <source>has no audio stream {index}: it holds {n} (0 to {last})</source>
        <translation>n&apos;a pas de flux audio {index} : il en contient {n} (de 0 à {last})</translation>
    </message>
    <message>
        <source>has no audio stream {stream}: it holds 1</source>
        <translation>n&apos;a pas de flux audio {stream} : il n&apos;en contient qu&apos;un</translation>
    </message>
    <message>
        <source>header declares a sample rate of {rate:,.0f} Hz, outside 1 kHz–768 kHz (damaged?)</source>
        <translation>l&apos;en-tête annonce un taux d&apos;échantillonnage de {rate:,.0f} Hz, hors de 1 kHz–768 kHz (endommagé ?)</translation>
    </message>
    <message>
        <source>header declares no samples or channels</source>
        <translation>l&apos;en-tête ne déclare ni échantillons ni canaux</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>est un dossier, pas un fichier</translation>
    </message>
    <message>
        <source>its samples reach {peak:.3g}, far outside full scale (±1)</source>
        <translation>ses échantillons atteignent {peak:.3g}, bien au-delà de la pleine échelle (±1)</translation>
    </message>
    <message>
        <source>no audio</source>
        <translation>pas d&apos;audio</translation>
    </message>
    <message>
        <source>no audio stream (a video with {streams}, {codecs}, and its audio missing)</source>
        <translation>aucun flux audio (une vidéo avec {streams}, {codecs}, sans sa piste son)</translation>
    </message>
    <message>
        <source>not a readable audio file (the decoder could not open it; corrupt or mislabelled)</source>
        <translation>fichier audio illisible (le décodeur n&apos;a pas pu l&apos;ouvrir&#xa0;; corrompu ou mal nommé)</translation>
    </message>
    <message>
        <source>not a readable audio file: FFmpeg found no audio in it (read as {container})</source>
        <translation>pas un fichier audio lisible : FFmpeg n&apos;y trouve aucun son (lu comme {container})</translation>
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
        <source>not an audio file (a {kind} image)</source>
        <translation>pas un fichier audio (une image {kind})</translation>
    </message>
    <message>
        <source>not an audio file (format not recognised)</source>
        <translation>pas un fichier audio (format non reconnu)</translation>
    </message>
    <message>
        <source>processing gave NaN/inf samples ({why}); nothing was written</source>
        <translation>le traitement a produit des échantillons NaN/inf ({why})&#xa0;; rien n&apos;a été écrit</translation>
    </message>
    <message>
        <source>source missing, and its decoded copy was deleted from the project cache</source>
        <translation>source absente, et sa copie décodée a été supprimée du cache du projet</translation>
    </message>
    <message>
        <source>the model&apos;s weights or this input make it diverge</source>
        <translation>les poids du modèle ou cette entrée le font diverger</translation>
    </message>
    <message>
        <source>truncated or corrupt after frame {frames} ({reason})</source>
        <translation>tronqué ou corrompu après la trame {frames} ({reason})</translation>
    </message>
    <message>
        <source>truncated or corrupt audio data ({said})</source>
        <translation>données audio tronquées ou corrompues ({said})</translation>
    </message>
    <message>
        <source>truncated or corrupt container ({error})</source>
        <translation>conteneur tronqué ou corrompu ({error})</translation>
    </message>
    <message>
        <source>truncated: decoded {frames} of the {declared} frames the header declares</source>
        <translation>tronqué&#xa0;: {frames} trames décodées sur les {declared} que déclare l&apos;en-tête</translation>
    </message>
    <message>
        <source>unreadable (file missing or not accessible)</source>
        <translation>illisible (fichier absent ou inaccessible)</translation>
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
        <source>unreadable audio ({said})</source>
        <translation>audio illisible ({said})</translation>
    </message>
    <message>
        <source>unreadable media ({exc})</source>
        <translation>média illisible ({exc})</translation>
    </message>
    <message>
        <source>unreadable media ({text})</source>
        <translation>média illisible ({text})</translation>
    </message>
    <message>
        <source>unreadable media ({text}; FFmpeg: {said})</source>
        <translation>média illisible ({text}&#xa0;; FFmpeg&#xa0;: {said})</translation>
    </message>
    <message>
        <source>unsupported audio format</source>
        <translation>format audio non pris en charge</translation>
    </message>
    <message>
        <source>unsupported codec: FFmpeg in this build has no decoder for audio stream {stream}</source>
        <translation>codec non pris en charge : le FFmpeg de cette version n&apos;a pas de décodeur pour le flux audio {stream}</translation>
    </message>
    <message>
        <source>zero-length file</source>
        <translation>fichier de longueur nulle</translation>
    </message>
    <message>
        <source>zero-length stream: audio stream {index} holds no samples</source>
        <translation>flux vide : le flux audio {index} ne contient aucun échantillon</translation>
    </message>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <source>{path}: no checkpoints/best.pt or latest.pt in this run folder</source>
        <translation>{path}&#xa0;: ni checkpoints/best.pt ni latest.pt dans ce dossier d&apos;entraînement</translation>
    </message>
    <message>
        <source>{path}: not a readable safetensors file ({exc})</source>
        <translation>{path}&#xa0;: fichier safetensors illisible ({exc})</translation>
    </message>
    <message>
        <source>{path}: not valid JSON ({exc})</source>
        <translation>{path}&#xa0;: JSON non valide ({exc})</translation>
    </message>
    <message>
        <source>{path}: the model&apos;s config {name} is missing beside it</source>
        <translation>{path}&#xa0;: la configuration du modèle {name} manque à côté</translation>
    </message>
    <message>
        <source>{path}: weights do not match the model config ({exc})</source>
        <translation>{path}&#xa0;: les poids ne correspondent pas à la configuration du modèle ({exc})</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message numerus="yes">
        <source>%n file(s) or folder(s)</source>
        <translation>
            <numerusform>%Ln fichier ou dossier</numerusform>
            <numerusform>%Ln fichiers ou dossiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n or more files or folders</source>
        <translation>
            <numerusform>%Ln fichiers ou dossiers, ou plus</numerusform>
            <numerusform>%Ln fichiers ou dossiers, ou plus</numerusform>
        </translation>
    </message>
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
        <source>{folder} already holds {items} and is not a Wavesmith project.

Make it a project anyway? Its files stay as they are; the project adds its index ({index}) and a cache folder beside them.</source>
        <translation>{folder} contient déjà {items} et n&apos;est pas un projet Wavesmith.

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
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> et %Ln autre</numerusform>
            <numerusform> et %Ln autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ambiguous name(s), not paired (rename so each name is unique per folder): </source>
        <translation>
            <numerusform>%Ln nom ambigu, non apparié (renommez pour que chaque nom soit unique par dossier)&#xa0;: </numerusform>
            <numerusform>%Ln noms ambigus, non appariés (renommez pour que chaque nom soit unique par dossier)&#xa0;: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not usable: </source>
        <translation>
            <numerusform>%Ln fichier inutilisable&#xa0;: </numerusform>
            <numerusform>%Ln fichiers inutilisables&#xa0;: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input(s) without a target: </source>
        <translation>
            <numerusform>%Ln entrée sans cible&#xa0;: </numerusform>
            <numerusform>%Ln entrées sans cible&#xa0;: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) not aligned: </source>
        <translation>
            <numerusform>%Ln paire non alignée&#xa0;: </numerusform>
            <numerusform>%Ln paires non alignées&#xa0;: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s) without an input: </source>
        <translation>
            <numerusform>%Ln cible sans entrée&#xa0;: </numerusform>
            <numerusform>%Ln cibles sans entrée&#xa0;: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %n more</source>
        <translation>
            <numerusform>&#xa0;; et %Ln autre</numerusform>
            <numerusform>&#xa0;; et %Ln autres</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>Pairing cancelled: %n pair(s) recorded.</source>
        <translation>
            <numerusform>Appariement annulé&#xa0;: %Ln paire enregistrée.</numerusform>
            <numerusform>Appariement annulé&#xa0;: %Ln paires enregistrées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pairing done: %n pair(s) recorded.</source>
        <translation>
            <numerusform>Appariement terminé&#xa0;: %Ln paire enregistrée.</numerusform>
            <numerusform>Appariement terminé&#xa0;: %Ln paires enregistrées.</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>and %n more warning(s) (see the log)</source>
        <translation>
            <numerusform>et %Ln autre avertissement (voir le journal)</numerusform>
            <numerusform>et %Ln autres avertissements (voir le journal)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Playback</name>
    <message>
        <source> (it cannot play at {rate} Hz)</source>
        <translation> (elle ne peut pas lire à {rate} Hz)</translation>
    </message>
    <message>
        <source> (it cannot play {n} channels)</source>
        <translation> (elle ne peut pas lire {n} canaux)</translation>
    </message>
    <message>
        <source> (it is not connected, or no longer exists)</source>
        <translation> (elle n&apos;est pas branchée, ou n&apos;existe plus)</translation>
    </message>
    <message>
        <source> (it may be busy: another program has it open)</source>
        <translation> (elle est peut-être occupée&#xa0;: un autre programme l&apos;a ouverte)</translation>
    </message>
    <message>
        <source>cannot list audio devices: {exc}</source>
        <translation>impossible de lister les périphériques audio&#xa0;: {exc}</translation>
    </message>
    <message>
        <source>cannot open the output device {device}{hint}: {text}</source>
        <translation>impossible d&apos;ouvrir la sortie {device}{hint}&#xa0;: {text}</translation>
    </message>
    <message>
        <source>cannot start playback on {device}{hint}: {text}</source>
        <translation>impossible de lancer la lecture sur {device}{hint}&#xa0;: {text}</translation>
    </message>
    <message>
        <source>nothing loaded to play</source>
        <translation>rien n&apos;est chargé pour la lecture</translation>
    </message>
    <message>
        <source>the PortAudio library was not found, so nothing can be played (install it: apt-get install libportaudio2, or brew install portaudio)</source>
        <translation>la bibliothèque PortAudio est introuvable, rien ne peut donc être lu (installez-la&#xa0;: apt-get install libportaudio2, ou brew install portaudio)</translation>
    </message>
    <message>
        <source>the default output</source>
        <translation>la sortie par défaut</translation>
    </message>
    <message>
        <source>the output device stopped taking audio (unplugged, suspended or taken by another program?); playback was stopped</source>
        <translation>la sortie audio n&apos;accepte plus le son (débranchée, en veille ou prise par un autre programme&#xa0;?)&#xa0;; la lecture a été arrêtée</translation>
    </message>
    <message>
        <source>the output device stopped unexpectedly (unplugged or taken over?)</source>
        <translation>la sortie audio s&apos;est arrêtée de façon inattendue (débranchée ou prise par un autre programme&#xa0;?)</translation>
    </message>
</context>
<context>
    <name>ProbeMessages</name>
    <message>
        <source>A probed size ran out of memory; the recommendation stays below it.</source>
        <translation>Une taille essayée a manqué de mémoire&#xa0;; la recommandation reste en dessous.</translation>
    </message>
    <message>
        <source>Even one example does not fit in the safety budget: shorten the segment, use a smaller model, or free memory.</source>
        <translation>Même un seul exemple dépasse la marge de sécurité&#xa0;: raccourcissez le segment, prenez un modèle plus petit ou libérez de la mémoire.</translation>
    </message>
    <message>
        <source>Measured with torch.compile (each size compiles once, untimed).</source>
        <translation>Mesuré avec torch.compile (chaque taille est compilée une fois, hors chronométrage).</translation>
    </message>
    <message>
        <source>No labelled clips in the project: measured with {n} classes (the class count changes only the last layer&apos;s size).</source>
        <translation>Aucun extrait étiqueté dans le projet&#xa0;: mesuré avec {n} classes (le nombre de classes ne change que la taille de la dernière couche).</translation>
    </message>
    <message>
        <source>Not even batch {batch} could run: {reason}</source>
        <translation>Même un lot de {batch} n&apos;a pas pu tourner&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>PESQ and STOI of a few validation segments</source>
        <translation>PESQ et STOI de quelques segments de validation</translation>
    </message>
    <message>
        <source>Probe cancelled; advice uses the sizes measured so far.</source>
        <translation>Mesure annulée&#xa0;; le conseil s&apos;appuie sur les tailles déjà mesurées.</translation>
    </message>
    <message>
        <source>Probe stopped after {seconds:.0f} s; larger sizes not tried.</source>
        <translation>Mesure arrêtée après {seconds:.0f} s&#xa0;; les tailles plus grandes n&apos;ont pas été essayées.</translation>
    </message>
    <message>
        <source>batch {batch}: a training step on the feature cache</source>
        <translation>lot de {batch}&#xa0;: une étape d&apos;entraînement sur le cache de caractéristiques</translation>
    </message>
    <message>
        <source>batch {batch}: a training step on the project&apos;s data</source>
        <translation>lot de {batch}&#xa0;: une étape d&apos;entraînement sur les données du projet</translation>
    </message>
    <message>
        <source>batch {batch}: checking the recommendation</source>
        <translation>lot de {batch}&#xa0;: vérification de la recommandation</translation>
    </message>
    <message>
        <source>batch {batch}: forward + backward</source>
        <translation>lot de {batch}&#xa0;: passe avant + arrière</translation>
    </message>
    <message>
        <source>building the feature cache (training reuses it): {done}/{total} clips</source>
        <translation>construction du cache de caractéristiques (l&apos;entraînement le réutilise)&#xa0;: {done}/{total} extraits</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>nothing measured</source>
        <translation>rien n&apos;a été mesuré</translation>
    </message>
    <message>
        <source>one validation pass</source>
        <translation>une passe de validation</translation>
    </message>
    <message>
        <source>preparing the project&apos;s audio as training will</source>
        <translation>préparation de l&apos;audio du projet comme le fera l&apos;entraînement</translation>
    </message>
    <message>
        <source>reading the feature cache as training will</source>
        <translation>lecture du cache de caractéristiques comme le fera l&apos;entraînement</translation>
    </message>
    <message>
        <source>tensor bytes × {factor:g}, an RSS estimate</source>
        <translation>octets des tenseurs × {factor:g}, une estimation de la RSS</translation>
    </message>
</context>
<context>
    <name>ProbePanel</name>
    <message>
        <source>  (fastest)</source>
        <translation>  (la plus rapide)</translation>
    </message>
    <message>
        <source>  (largest that fits)</source>
        <translation>  (la plus grande qui tient)</translation>
    </message>
    <message>
        <source>  ← advised</source>
        <translation>  ← conseillée</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Batch size that fits (measured)</source>
        <translation>Taille de lot qui tient en mémoire (mesurée)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <comment>abandon the job</comment>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel measuring</source>
        <translation>Annuler la mesure</translation>
    </message>
    <message>
        <source>Cancelling after this step…</source>
        <translation>Annulation après cette étape…</translation>
    </message>
    <message>
        <source>Cannot measure: {reason}</source>
        <translation>Mesure impossible&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Device to measure on</source>
        <translation>Périphérique sur lequel mesurer</translation>
    </message>
    <message>
        <source>Examples/s</source>
        <translation>Exemples/s</translation>
    </message>
    <message>
        <source>Largest batch to try</source>
        <translation>Plus grand lot à essayer</translation>
    </message>
    <message>
        <source>Measure batch size</source>
        <translation>Mesurer la taille de lot</translation>
    </message>
    <message>
        <source>Measured batch sizes</source>
        <translation>Tailles de lot mesurées</translation>
    </message>
    <message>
        <source>Measuring cancelled.</source>
        <translation>Mesure annulée.</translation>
    </message>
    <message>
        <source>Measuring failed: {reason}</source>
        <translation>Échec de la mesure&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Measuring on {device}…</source>
        <translation>Mesure sur {device}…</translation>
    </message>
    <message>
        <source>Measuring progress</source>
        <translation>Progression de la mesure</translation>
    </message>
    <message>
        <source>Model: the Training tab&apos;s settings</source>
        <translation>Modèle&#xa0;: les réglages de l&apos;onglet Entraînement</translation>
    </message>
    <message>
        <source>On {device}: advised batch &lt;b&gt;{batch}&lt;/b&gt;{why}. Budget {budget} = {share:.0%} of {free} free; memory ≈ {fixed} + {per_example} per example ({kind}).</source>
        <translation>Sur {device}&#xa0;: lot conseillé &lt;b&gt;{batch}&lt;/b&gt;{why}. Budget {budget} = {share:.0%} des {free} libres&#xa0;; mémoire ≈ {fixed} + {per_example} par exemple ({kind}).</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>Mémoire au pic</translation>
    </message>
    <message>
        <source>Runs real training steps of the model at growing batch sizes and recommends the largest that stays within the safety share of free memory.</source>
        <translation>Exécute de vraies étapes d&apos;entraînement du modèle avec des lots de plus en plus grands et recommande le plus grand qui reste dans la part de sécurité de la mémoire libre.</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Safety fraction of free memory</source>
        <translation>Part de sécurité de la mémoire libre</translation>
    </message>
    <message>
        <source>Seconds/step</source>
        <translation>Secondes/étape</translation>
    </message>
    <message>
        <source>Share of free memory the recommended batch may use at its peak; the rest absorbs fragmentation, longer clips and other programs.</source>
        <translation>Part de la mémoire libre que le lot recommandé peut utiliser à son pic&#xa0;; le reste absorbe la fragmentation, les extraits plus longs et les autres programmes.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>Jusqu&apos;à</translation>
    </message>
    <message>
        <source>Within budget</source>
        <translation>Dans le budget</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>mémoire insuffisante</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
</context>
<context>
    <name>Processing</name>
    <message>
        <source>Cannot open: {path}: no such file</source>
        <translation>Ouverture impossible&#xa0;: {path}&#xa0;: fichier introuvable</translation>
    </message>
    <message>
        <source>Cannot open: {reason}</source>
        <translation>Ouverture impossible&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Choose an original and a model first.</source>
        <translation>Choisissez d&apos;abord un original et un modèle.</translation>
    </message>
    <message>
        <source>Comparing {processed} with {original}.</source>
        <translation>Comparaison de {processed} avec {original}.</translation>
    </message>
    <message>
        <source>Loading PyTorch… processing starts as soon as it has loaded.</source>
        <translation>Chargement de PyTorch… le traitement démarre dès qu&apos;il est chargé.</translation>
    </message>
    <message>
        <source>Processed {name} with {model}: {audio:.1f} s in {wall:.2f} s (real-time factor {rtf:.3f}, {device}). Loudness match: A {gain_a:+.1f} dB, B {gain_b:+.1f} dB.</source>
        <translation>{name} traité par {model}&#xa0;: {audio:.1f} s en {wall:.2f} s (facteur temps réel {rtf:.3f}, {device}). Égalisation de la sonie&#xa0;: A {gain_a:+.1f} dB, B {gain_b:+.1f} dB.</translation>
    </message>
    <message>
        <source>Processing cancelled; the original is untouched.</source>
        <translation>Traitement annulé&#xa0;; l&apos;original n&apos;a pas été modifié.</translation>
    </message>
    <message>
        <source>Processing failed: {reason}</source>
        <translation>Échec du traitement&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Processing {name}…</source>
        <translation>Traitement de {name}…</translation>
    </message>
    <message>
        <source>Warning: {text}</source>
        <translation>Attention&#xa0;: {text}</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Building cache…</source>
        <translation>Construction du cache…</translation>
    </message>
    <message>
        <source>Cache ETA {time}</source>
        <translation>Cache, fin prévue dans {time}</translation>
    </message>
    <message>
        <source>Cache {done:,}/{total:,} segments</source>
        <translation>Cache {done:,}/{total:,} segments</translation>
    </message>
    <message>
        <source>ETA {time}</source>
        <translation>Reste {time}</translation>
    </message>
    <message>
        <source>ETA —</source>
        <translation>Reste —</translation>
    </message>
    <message>
        <source>Epoch progress</source>
        <translation>Progression de l&apos;époque</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{total}</source>
        <translation>Époque {epoch}/{total}</translation>
    </message>
    <message>
        <source>Epoch —</source>
        <translation>Époque —</translation>
    </message>
    <message>
        <source>Estimated time left</source>
        <translation>Temps restant estimé</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>Mémoire GPU</translation>
    </message>
    <message>
        <source>GPU memory the last training step allocated at its peak, and the most any step of this run has (PyTorch&apos;s allocator; the driver reserves some more).</source>
        <translation>Mémoire GPU allouée au pic de la dernière étape d&apos;entraînement, et le maximum atteint par une étape de cet entraînement (allocateur de PyTorch&#xa0;; le pilote en réserve un peu plus).</translation>
    </message>
    <message>
        <source>GPU {now} (peak {peak})</source>
        <translation>GPU {now} (pic {peak})</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Préparation</translation>
    </message>
    <message>
        <source>Run progress</source>
        <translation>Progression de l&apos;entraînement</translation>
    </message>
    <message>
        <source>Run —</source>
        <translation>Entraînement —</translation>
    </message>
    <message>
        <source>Run, step {step:,}</source>
        <translation>Entraînement, étape {step:,}</translation>
    </message>
</context>
<context>
    <name>ProjectErrors</name>
    <message>
        <source>holds none of a project index&apos;s tables (another program&apos;s database?). Restore it from a backup, or create a new project and import the audio again</source>
        <translation>ne contient aucune des tables d&apos;un index de projet (la base de données d&apos;un autre programme&#xa0;?). Restaurez-le depuis une sauvegarde, ou créez un nouveau projet et importez l&apos;audio à nouveau</translation>
    </message>
    <message>
        <source>is empty (0 bytes): its content was lost (a full disk, a copy cut short). Restore it from a backup, or create a new project and import the audio again</source>
        <translation>est vide (0 octet)&#xa0;: son contenu a été perdu (un disque plein, une copie interrompue). Restaurez-le depuis une sauvegarde, ou créez un nouveau projet et importez l&apos;audio à nouveau</translation>
    </message>
    <message>
        <source>the project index has schema version {before}, newer than this Wavesmith understands ({version}); update Wavesmith to open it</source>
        <translation>l&apos;index du projet est au schéma version {before}, plus récent que celui que comprend cette version de Wavesmith ({version})&#xa0;; mettez Wavesmith à jour pour l&apos;ouvrir</translation>
    </message>
    <message>
        <source>{folder}: the project is locked by another program (waited {seconds:g} s for {index}); close the other Wavesmith window or command using this project, then try again</source>
        <translation>{folder}&#xa0;: le projet est verrouillé par un autre programme ({seconds:g} s d&apos;attente pour {index})&#xa0;; fermez l&apos;autre fenêtre ou commande Wavesmith qui utilise ce projet, puis réessayez</translation>
    </message>
    <message>
        <source>{folder}: the project is read-only (a read-only disk or folder): commands that only read it work; copy the project somewhere writable to change it</source>
        <translation>{folder}&#xa0;: le projet est en lecture seule (disque ou dossier en lecture seule)&#xa0;: les commandes qui ne font que le lire fonctionnent&#xa0;; copiez le projet dans un emplacement modifiable pour le changer</translation>
    </message>
    <message>
        <source>{index}: not a project index: it {problem}</source>
        <translation>{index}&#xa0;: pas un index de projet&#xa0;: il {problem}</translation>
    </message>
    <message>
        <source>{index}: not a readable project index ({error}); restore it from a backup, or create a new project and import the audio again</source>
        <translation>{index}&#xa0;: index de projet illisible ({error})&#xa0;; restaurez-le depuis une sauvegarde, ou créez un nouveau projet et importez l&apos;audio à nouveau</translation>
    </message>
    <message>
        <source>{index}: {error}</source>
        <translation>{index}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{path}: a Wavesmith project already exists here</source>
        <translation>{path}&#xa0;: un projet Wavesmith existe déjà ici</translation>
    </message>
    <message>
        <source>{path}: exists and is not a folder</source>
        <translation>{path}&#xa0;: existe et n&apos;est pas un dossier</translation>
    </message>
    <message>
        <source>{path}: not a Wavesmith project (no {index})</source>
        <translation>{path}&#xa0;: pas un projet Wavesmith (pas de {index})</translation>
    </message>
</context>
<context>
    <name>RateChoice</name>
    <message>
        <source>most of the project&apos;s audio is {found} Hz</source>
        <translation>la plupart de l&apos;audio du projet est à {found} Hz</translation>
    </message>
    <message>
        <source>most of the project&apos;s audio is {found} Hz; the {preset} preset trains at {rate} Hz for it</source>
        <translation>la plupart de l&apos;audio du projet est à {found} Hz&#xa0;; le préréglage {preset} s&apos;entraîne alors à {rate} Hz</translation>
    </message>
    <message>
        <source>the {preset} preset&apos;s default (no audio yet)</source>
        <translation>la valeur par défaut du préréglage {preset} (pas encore d&apos;audio)</translation>
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
    <message numerus="yes">
        <source>%n file(s) ({names}) are in folders whose names do not say what they are for ({folders}).

Import them as:</source>
        <translation>
            <numerusform>%Ln fichier ({names}) est dans un dossier dont le nom ne dit pas à quoi il sert ({folders}).

L&apos;importer comme&#xa0;:</numerusform>
            <numerusform>%Ln fichiers ({names}) sont dans des dossiers dont les noms ne disent pas à quoi ils servent ({folders}).

Les importer comme&#xa0;:</numerusform>
        </translation>
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
    <name>RunActions</name>
    <message>
        <source>A run is training; stop it before showing another.</source>
        <translation>Un entraînement est en cours&#xa0;; arrêtez-le avant d&apos;en afficher un autre.</translation>
    </message>
    <message>
        <source>Attach folder…</source>
        <translation>Suivre…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Supprimer l&apos;entraînement</translation>
    </message>
    <message>
        <source>Delete run…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Delete the run folder {folder}?
Its checkpoints, samples and logs are removed; your audio is not touched.</source>
        <translation>Supprimer le dossier d&apos;entraînement {folder}&#xa0;?
Ses points de contrôle, échantillons et journaux sont effacés&#xa0;; votre audio n&apos;est pas touché.</translation>
    </message>
    <message>
        <source>Duplicate settings</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Fix the settings marked in red first.</source>
        <translation>Corrigez d&apos;abord les réglages signalés en rouge.</translation>
    </message>
    <message>
        <source>Follow a run folder, e.g. one trained headless on a server.</source>
        <translation>Suivre un dossier d&apos;entraînement, par exemple un entraînement lancé sans interface sur un serveur.</translation>
    </message>
    <message>
        <source>Hardware advice applied: the settings already matched it.</source>
        <translation>Conseils matériels appliqués&#xa0;: les réglages y correspondaient déjà.</translation>
    </message>
    <message>
        <source>Hardware advice applied: {changes}.</source>
        <translation>Conseils matériels appliqués&#xa0;: {changes}.</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>Ouvrez d&apos;abord un projet.</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Paused after the current step; Continue goes on.</source>
        <translation>En pause après l&apos;étape en cours&#xa0;; Continuer reprend.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Resuming {run} from {checkpoint}</source>
        <translation>Reprise de {run} depuis {checkpoint}</translation>
    </message>
    <message>
        <source>Run folder to follow</source>
        <translation>Dossier d&apos;entraînement à suivre</translation>
    </message>
    <message>
        <source>Settings of {run} copied into the form; Start makes a new run.</source>
        <translation>Réglages de {run} copiés dans le formulaire&#xa0;; Démarrer crée un nouvel entraînement.</translation>
    </message>
    <message>
        <source>Start new run</source>
        <translation>Nouvel entraînement</translation>
    </message>
    <message>
        <source>Starting {run}…</source>
        <translation>Démarrage de {run}…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêt</translation>
    </message>
    <message>
        <source>Stop (write a checkpoint, then stop)</source>
        <translation>Arrêt (écrit un point de contrôle, puis s&apos;arrête)</translation>
    </message>
    <message>
        <source>Stop following</source>
        <translation>Arrêter le suivi</translation>
    </message>
    <message>
        <source>Stopping: writing a checkpoint…</source>
        <translation>Arrêt&#xa0;: écriture d&apos;un point de contrôle…</translation>
    </message>
    <message>
        <source>Writes a checkpoint, then stops; Resume continues from it.</source>
        <translation>Écrit un point de contrôle, puis s&apos;arrête&#xa0;; Reprendre repart de là.</translation>
    </message>
    <message>
        <source>advice not applied: {keys}</source>
        <translation>conseils non appliqués&#xa0;: {keys}</translation>
    </message>
    <message>
        <source>cannot delete {folder}: {reason}</source>
        <translation>impossible de supprimer {folder}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>deleted {folder}</source>
        <translation>{folder} supprimé</translation>
    </message>
    <message>
        <source>latest checkpoint</source>
        <translation>dernier point de contrôle</translation>
    </message>
    <message>
        <source>resume {run} from {checkpoint}</source>
        <translation>reprise de {run} depuis {checkpoint}</translation>
    </message>
    <message>
        <source>start {run}</source>
        <translation>démarrage de {run}</translation>
    </message>
    <message>
        <source>{folder}: not a run folder (no events.jsonl or config.json)</source>
        <translation>{folder}&#xa0;: pas un dossier d&apos;entraînement (ni events.jsonl ni config.json)</translation>
    </message>
    <message>
        <source>{setting} (was {old})</source>
        <translation>{setting} (avant&#xa0;: {old})</translation>
    </message>
</context>
<context>
    <name>RunChoices</name>
    <message>
        <source>continues at epoch {epoch}</source>
        <translation>reprend à l&apos;époque {epoch}</translation>
    </message>
    <message>
        <source>continues at epoch {epoch} (step {step:,})</source>
        <translation>reprend à l&apos;époque {epoch} (étape {step:,})</translation>
    </message>
    <message>
        <source>continues where it stopped</source>
        <translation>reprend là où il s&apos;est arrêté</translation>
    </message>
</context>
<context>
    <name>RunSettingsForm</name>
    <message>
        <source> (0: all)</source>
        <translation> (0&#xa0;: toutes)</translation>
    </message>
    <message>
        <source> dB, e.g. 0, 15</source>
        <translation> dB, par ex. 0, 15</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> époques</translation>
    </message>
    <message>
        <source> epochs (0: never)</source>
        <translation> époques (0&#xa0;: jamais)</translation>
    </message>
    <message>
        <source> h (0: none)</source>
        <translation> h (0&#xa0;: aucun)</translation>
    </message>
    <message>
        <source> samples</source>
        <translation> échantillons</translation>
    </message>
    <message>
        <source>Augmented variants</source>
        <translation>Variantes augmentées</translation>
    </message>
    <message>
        <source>Balancing</source>
        <translation>Équilibrage</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Taille de lot</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Mise en cache</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>Classes and features</source>
        <translation>Classes et descripteurs</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Époques</translation>
    </message>
    <message>
        <source>Gain probability</source>
        <translation>Probabilité de gain</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Matériel</translation>
    </message>
    <message>
        <source>Hop</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>Input length</source>
        <translation>Durée d&apos;entrée</translation>
    </message>
    <message>
        <source>LR patience</source>
        <translation>Patience du taux</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>Lissage des étiquettes</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d&apos;apprentissage</translation>
    </message>
    <message>
        <source>Loader workers</source>
        <translation>Processus de chargement</translation>
    </message>
    <message>
        <source>Mask hidden size</source>
        <translation>Taille cachée du masque</translation>
    </message>
    <message>
        <source>Mask layers</source>
        <translation>Couches du masque</translation>
    </message>
    <message>
        <source>Mel bins</source>
        <translation>Bandes mel</translation>
    </message>
    <message>
        <source>Mixup probability</source>
        <translation>Probabilité de mixup</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Noise and augmentation</source>
        <translation>Bruit et augmentation</translation>
    </message>
    <message>
        <source>Noise level by</source>
        <translation>Niveau de bruit par</translation>
    </message>
    <message>
        <source>Own noise share</source>
        <translation>Part du bruit du projet</translation>
    </message>
    <message>
        <source>PESQ/STOI every</source>
        <translation>PESQ/STOI toutes les</translation>
    </message>
    <message>
        <source>Pitch probability</source>
        <translation>Probabilité de hauteur</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Préréglage</translation>
    </message>
    <message>
        <source>SNR range</source>
        <translation>Plage de RSB</translation>
    </message>
    <message>
        <source>Sample rate</source>
        <translation>Taux d&apos;échantillonnage</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Planificateur</translation>
    </message>
    <message>
        <source>Segment length</source>
        <translation>Longueur de segment</translation>
    </message>
    <message>
        <source>Speech: band-GRU denoiser trained on realistic mixtures, 16-24 kHz. Speech small: the earlier 22,050 Hz spectral mask. Music: 44.1-48 kHz U-Net. The sample rate follows the project&apos;s audio.</source>
        <translation>Parole&#xa0;: débruiteur GRU par bandes entraîné sur des mélanges réalistes, 16-24 kHz. Parole (petit)&#xa0;: l&apos;ancien masque spectral à 22 050 Hz. Musique&#xa0;: U-Net à 44,1-48 kHz. Le taux d&apos;échantillonnage suit l&apos;audio du projet.</translation>
    </message>
    <message>
        <source>Speed probability</source>
        <translation>Probabilité de vitesse</translation>
    </message>
    <message>
        <source>Stop patience</source>
        <translation>Patience d&apos;arrêt</translation>
    </message>
    <message>
        <source>Stretch probability</source>
        <translation>Probabilité d&apos;étirement</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>The project suggests {suggested} Hz ({why}); this run uses {rate} Hz.</source>
        <translation>Le projet suggère {suggested} Hz ({why})&#xa0;; cet entraînement utilise {rate} Hz.</translation>
    </message>
    <message>
        <source>Time budget</source>
        <translation>Budget de temps</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>U-Net depth</source>
        <translation>Profondeur du U-Net</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Windows per class</source>
        <translation>Fenêtres par classe</translation>
    </message>
    <message>
        <source>{rate} Hz from the project ({why}).</source>
        <translation>{rate} Hz d&apos;après le projet ({why}).</translation>
    </message>
    <message>
        <source>{rate} Hz: {why}.</source>
        <translation>{rate} Hz&#xa0;: {why}.</translation>
    </message>
    <message>
        <source>{suggested} Hz would be {why}; this run uses {rate} Hz.</source>
        <translation>{suggested} Hz serait {why}&#xa0;; cet entraînement utilise {rate} Hz.</translation>
    </message>
    <message>
        <source>≈ {seconds:.2f} s at {rate:,} Hz</source>
        <translation>≈ {seconds:.2f} s à {rate:,} Hz</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>completed</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>early stopped</source>
        <translation>arrêt anticipé</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <source>following</source>
        <translation>suivi</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>running elsewhere or interrupted</source>
        <translation>en cours ailleurs ou interrompu</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>time budget</source>
        <translation>temps écoulé</translation>
    </message>
    <message>
        <source>training</source>
        <translation>entraînement en cours</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <source> (best)</source>
        <translation> (meilleure)</translation>
    </message>
    <message>
        <source>, resumed from {checkpoint}</source>
        <translation>, repris depuis {checkpoint}</translation>
    </message>
    <message>
        <source>Building the training cache ({segments:,} segments) before the first step…</source>
        <translation>Construction du cache d&apos;entraînement ({segments:,} segments) avant la première étape…</translation>
    </message>
    <message>
        <source>Class results</source>
        <translation>Résultats par classe</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Courbes</translation>
    </message>
    <message>
        <source>Data problem</source>
        <translation>Problème de données</translation>
    </message>
    <message>
        <source>ERROR {reason}</source>
        <translation>ERREUR {reason}</translation>
    </message>
    <message>
        <source>Listening samples</source>
        <translation>Échantillons d&apos;écoute</translation>
    </message>
    <message>
        <source>Loss became NaN</source>
        <translation>La perte est devenue NaN</translation>
    </message>
    <message>
        <source>No run shown</source>
        <translation>Aucun entraînement affiché</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Mémoire insuffisante</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprise</translation>
    </message>
    <message>
        <source>SI-SDR {sdr:.2f} dB ({gain:+.2f}), </source>
        <translation>SI-SDR {sdr:.2f} dB ({gain:+.2f}), </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Stopped at its budget</source>
        <translation>Arrêté à la fin de son budget</translation>
    </message>
    <message>
        <source>Stopped early</source>
        <translation>Arrêté de façon anticipée</translation>
    </message>
    <message>
        <source>Training completed</source>
        <translation>Entraînement terminé</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Échec de l&apos;entraînement</translation>
    </message>
    <message>
        <source>Training failed: {reason}</source>
        <translation>Échec de l&apos;entraînement&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>Journal d&apos;entraînement</translation>
    </message>
    <message>
        <source>Training on {device}</source>
        <translation>Entraînement sur {device}</translation>
    </message>
    <message>
        <source>Training on {device}: continuing at epoch {epoch}</source>
        <translation>Entraînement sur {device}&#xa0;: reprise à l&apos;époque {epoch}</translation>
    </message>
    <message>
        <source>Training on {device}: epoch {epoch} of {total} done</source>
        <translation>Entraînement sur {device}&#xa0;: époque {epoch} sur {total} terminée</translation>
    </message>
    <message>
        <source>WARNING {text}</source>
        <translation>ATTENTION {text}</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>building the training cache: {segments:,} segments in {path}</source>
        <translation>construction du cache d&apos;entraînement&#xa0;: {segments:,} segments dans {path}</translation>
    </message>
    <message>
        <source>checkpoint {name} (continues at epoch {epoch}, step {step:,})</source>
        <translation>point de contrôle {name} (reprend à l&apos;époque {epoch}, étape {step:,})</translation>
    </message>
    <message>
        <source>epoch {epoch}: train {train:.4f}, val {val:.4f}{best}, {scores}lr {lr:.2e}, {time}</source>
        <translation>époque {epoch}&#xa0;: entraînement {train:.4f}, validation {val:.4f}{best}, {scores}taux {lr:.2e}, {time}</translation>
    </message>
    <message>
        <source>started at epoch {epoch}/{total} (step {step:,}), {steps} steps/epoch, batch {batch} on {device}{where}</source>
        <translation>démarré à l&apos;époque {epoch}/{total} (étape {step:,}), {steps} étapes/époque, lot de {batch} sur {device}{where}</translation>
    </message>
    <message>
        <source>top-1 {top1:.3f}, top-5 {top5:.3f}, macro-F1 {f1:.3f}, </source>
        <translation>top-1 {top1:.3f}, top-5 {top5:.3f}, macro-F1 {f1:.3f}, </translation>
    </message>
    <message>
        <source>training cache built</source>
        <translation>cache d&apos;entraînement construit</translation>
    </message>
    <message numerus="yes">
        <source>{heading} after %n epoch(s)</source>
        <translation>
            <numerusform>{heading} après %Ln époque</numerusform>
            <numerusform>{heading} après %Ln époques</numerusform>
        </translation>
    </message>
    <message>
        <source>{run} ({mode})</source>
        <translation>{run} ({mode})</translation>
    </message>
    <message>
        <source>{text}: {message}</source>
        <translation>{text}&#xa0;: {message}</translation>
    </message>
    <message>
        <source>{title}: {message}</source>
        <translation>{title}&#xa0;: {message}</translation>
    </message>
</context>
<context>
    <name>RunsList</name>
    <message>
        <source>Best</source>
        <translation>Meilleur</translation>
    </message>
    <message>
        <source>Checkpoint to resume from</source>
        <translation>Point de contrôle d&apos;où reprendre</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Ép.</translation>
    </message>
    <message>
        <source>Epochs done / planned</source>
        <translation>Époques faites / prévues</translation>
    </message>
    <message>
        <source>Resume from</source>
        <translation>Reprendre depuis</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Entraînements</translation>
    </message>
    <message>
        <source>Runs of this project</source>
        <translation>Entraînements de ce projet</translation>
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
        <translation>Le dossier de l&apos;entraînement indique qu&apos;il est en cours, mais cette fenêtre ne l&apos;exécute pas&#xa0;: il tourne ailleurs (sans interface, sur une autre machine) ou a été interrompu. Reprendre le continue depuis son dernier point de contrôle.</translation>
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
        <translation>en cours&#xa0;?</translation>
    </message>
    <message>
        <source>{name}
Created {date}</source>
        <translation>{name}
Créé le {date}</translation>
    </message>
</context>
<context>
    <name>SamplesList</name>
    <message>
        <source>Epoch {epoch}</source>
        <translation>Époque {epoch}</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Listening samples per epoch</source>
        <translation>Échantillons d&apos;écoute par époque</translation>
    </message>
    <message>
        <source>Open in A/B</source>
        <translation>Ouvrir en A/B</translation>
    </message>
    <message>
        <source>Open sample in the Listen tab A/B player</source>
        <translation>Ouvrir l&apos;échantillon dans le lecteur A/B de l&apos;onglet Écoute</translation>
    </message>
    <message>
        <source>Play input</source>
        <translation>Lire l&apos;entrée</translation>
    </message>
    <message>
        <source>Play sample</source>
        <translation>Lire l&apos;échantillon</translation>
    </message>
    <message>
        <source>Play the sample&apos;s input</source>
        <translation>Lire l&apos;entrée de l&apos;échantillon</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Échantillon</translation>
    </message>
    <message>
        <source>cannot play {name}: {reason}</source>
        <translation>impossible de lire {name}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>playback stopped: {reason}</source>
        <translation>lecture arrêtée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>playing {name} ({seconds:.1f} s)</source>
        <translation>lecture de {name} ({seconds:.1f} s)</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ Arrêt</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ Lecture</translation>
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
        <translation> durant ≥ </translation>
    </message>
    <message>
        <source>Delete silence</source>
        <translation>Ôter les silences</translation>
    </message>
    <message numerus="yes">
        <source>Delete silence would remove %n region(s), {seconds:.2f} s.</source>
        <translation>
            <numerusform>Supprimer les silences retirerait %Ln zone, {seconds:.2f} s.</numerusform>
            <numerusform>Supprimer les silences retirerait %Ln zones, {seconds:.2f} s.</numerusform>
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
    <name>TrainMessages</name>
    <message numerus="yes">
        <source>%n class(es) have no training windows (the model can still say them, it will not learn to): {names}</source>
        <translation>
            <numerusform>%Ln classe n&apos;a aucune fenêtre d&apos;entraînement (le modèle peut encore la prédire, il n&apos;apprendra pas à le faire)&#xa0;: {names}</numerusform>
            <numerusform>%Ln classes n&apos;ont aucune fenêtre d&apos;entraînement (le modèle peut encore les prédire, il n&apos;apprendra pas à le faire)&#xa0;: {names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%Ln extrait</numerusform>
            <numerusform>%Ln extraits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%Ln segment</numerusform>
            <numerusform>%Ln segments</numerusform>
        </translation>
    </message>
    <message>
        <source>; the last one came from {files}</source>
        <translation>&#xa0;; la dernière venait de {files}</translation>
    </message>
    <message>
        <source>batch size changed {old} -&gt; {new}: the data order continues, but the result will not match an uninterrupted run exactly</source>
        <translation>taille de lot changée de {old} à {new}&#xa0;: l&apos;ordre des données continue, mais le résultat ne sera pas exactement celui d&apos;un entraînement sans interruption</translation>
    </message>
    <message>
        <source>clean clips</source>
        <translation>extraits propres</translation>
    </message>
    <message>
        <source>could not write the checkpoint in {folder} ({why}); the previous checkpoint is kept (failure {failed} of {limit})</source>
        <translation>impossible d&apos;écrire le point de contrôle dans {folder} ({why})&#xa0;; le précédent est conservé (échec {failed} sur {limit})</translation>
    </message>
    <message>
        <source>could not write the per-class report: {exc}</source>
        <translation>impossible d&apos;écrire le rapport par classe&#xa0;: {exc}</translation>
    </message>
    <message>
        <source>could not write the sample in {folder}: {exc}</source>
        <translation>impossible d&apos;écrire l&apos;échantillon dans {folder}&#xa0;: {exc}</translation>
    </message>
    <message>
        <source>files of the training cache are now missing or changed; mixing examples on the fly for this run (rebuild the cache to use one again)</source>
        <translation>des fichiers du cache d&apos;entraînement manquent ou ont changé&#xa0;; les exemples sont mélangés à la volée pour cet entraînement (reconstruisez le cache pour en utiliser un à nouveau)</translation>
    </message>
    <message>
        <source>halved the learning rate to {lr}</source>
        <translation>taux d&apos;apprentissage divisé par deux, à {lr}</translation>
    </message>
    <message>
        <source>import clean speech</source>
        <translation>importez de la parole propre</translation>
    </message>
    <message>
        <source>input/target pairs</source>
        <translation>paires entrée/cible</translation>
    </message>
    <message numerus="yes">
        <source>loss became {loss} %n time(s) (limit {limit}){files}; check the data for clipped, silent or out-of-range files, or lower optim.lr</source>
        <translation>
            <numerusform>la perte est devenue {loss} %Ln fois (limite {limit}){files}&#xa0;; cherchez dans les données des fichiers saturés, silencieux ou hors plage, ou baissez optim.lr</numerusform>
            <numerusform>la perte est devenue {loss} %Ln fois (limite {limit}){files}&#xa0;; cherchez dans les données des fichiers saturés, silencieux ou hors plage, ou baissez optim.lr</numerusform>
        </translation>
    </message>
    <message>
        <source>loss became {loss} at step {at}; restored the last good state (epoch {epoch}, step {step}) and {what} (retry {retry} of {limit})</source>
        <translation>la perte est devenue {loss} à l&apos;étape {at}&#xa0;; dernier bon état restauré (époque {epoch}, étape {step}) et {what} (nouvel essai {retry} sur {limit})</translation>
    </message>
    <message>
        <source>mixed precision disagrees with fp32 (loss {amp:.4g} vs {fp32:.4g}); training in fp32</source>
        <translation>la précision mixte diffère de fp32 (perte {amp:.4g} contre {fp32:.4g})&#xa0;; entraînement en fp32</translation>
    </message>
    <message>
        <source>no improvement for {bad} epochs; best epoch {best}</source>
        <translation>aucune amélioration depuis {bad} époques&#xa0;; meilleure époque {best}</translation>
    </message>
    <message>
        <source>no {what} in the validation split; holding out &apos;{name}&apos;</source>
        <translation>pas de {what} dans la partie validation&#xa0;; «&#xa0;{name}&#xa0;» est mis de côté</translation>
    </message>
    <message>
        <source>on request; resume continues from the checkpoint</source>
        <translation>à la demande&#xa0;; la reprise continue depuis le point de contrôle</translation>
    </message>
    <message>
        <source>out of memory at batch {old}; continuing with batch {new}</source>
        <translation>mémoire insuffisante avec un lot de {old}&#xa0;; poursuite avec un lot de {new}</translation>
    </message>
    <message>
        <source>out of memory even with a batch of 1; use shorter segments (data.segment_samples) or a smaller model</source>
        <translation>mémoire insuffisante même avec un lot de 1&#xa0;; prenez des segments plus courts (data.segment_samples) ou un modèle plus petit</translation>
    </message>
    <message>
        <source>pair input and target folders</source>
        <translation>appariez des dossiers d&apos;entrée et de cible</translation>
    </message>
    <message>
        <source>resumed on {world} processes, saved on {saved}; the data order restarts at this epoch&apos;s position per process</source>
        <translation>repris sur {world} processus, enregistré sur {saved}&#xa0;; l&apos;ordre des données reprend à la position de cette époque pour chaque processus</translation>
    </message>
    <message>
        <source>step budget of {steps} steps reached; resume continues from the checkpoint</source>
        <translation>budget de {steps} étapes atteint&#xa0;; la reprise continue depuis le point de contrôle</translation>
    </message>
    <message>
        <source>switched mixed precision off</source>
        <translation>précision mixte désactivée</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>time budget of {budget} reached; resume continues from the checkpoint</source>
        <translation>budget de temps de {budget} atteint&#xa0;; la reprise continue depuis le point de contrôle</translation>
    </message>
    <message>
        <source>torch.compile is used on CUDA only; running eagerly</source>
        <translation>torch.compile ne sert que sous CUDA&#xa0;; exécution sans compilation</translation>
    </message>
    <message>
        <source>torch.compile unavailable, running eagerly: {exc}</source>
        <translation>torch.compile indisponible, exécution sans compilation&#xa0;: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>trained %n epoch(s)</source>
        <translation>
            <numerusform>%Ln époque d&apos;entraînement</numerusform>
            <numerusform>%Ln époques d&apos;entraînement</numerusform>
        </translation>
    </message>
    <message>
        <source>validation rests on only {segments} of {clips}: its figures and the best epoch are noisy; move more clips into the validation split</source>
        <translation>la validation ne repose que sur {segments} de {clips}&#xa0;: ses chiffres et la meilleure époque sont bruités&#xa0;; placez plus d&apos;extraits dans la partie validation</translation>
    </message>
    <message>
        <source>{error}; resuming from the newest readable checkpoint {path} instead (epoch {epoch}, step {step})</source>
        <translation>{error}&#xa0;; reprise à la place depuis le point de contrôle lisible le plus récent {path} (époque {epoch}, étape {step})</translation>
    </message>
    <message>
        <source>{key} changed {old} -&gt; {new} on resume</source>
        <translation>{key} changé de {old} à {new} à la reprise</translation>
    </message>
    <message>
        <source>{message}; training stopped. Free space on that disk, then resume the run</source>
        <translation>{message}&#xa0;; entraînement arrêté. Libérez de la place sur ce disque, puis reprenez l&apos;entraînement</translation>
    </message>
    <message>
        <source>{path}: no checkpoint was saved before the run stopped; starting it again from the beginning</source>
        <translation>{path}&#xa0;: aucun point de contrôle n&apos;a été enregistré avant l&apos;arrêt&#xa0;; l&apos;entraînement repart du début</translation>
    </message>
    <message>
        <source>{path}: {why}</source>
        <translation>{path}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>{path}: {why}; left out of this run</source>
        <translation>{path}&#xa0;: {why}&#xa0;; laissé de côté pour cet entraînement</translation>
    </message>
    <message>
        <source>{root}: not enough {what} to train ({train} train, {val} validation); {hint} first</source>
        <translation>{root}&#xa0;: pas assez de {what} pour entraîner ({train} en entraînement, {val} en validation)&#xa0;; {hint} d&apos;abord</translation>
    </message>
    <message>
        <source>{root}: the training clips hold no usable audio</source>
        <translation>{root}&#xa0;: les extraits d&apos;entraînement ne contiennent aucun audio utilisable</translation>
    </message>
    <message numerus="yes">
        <source>{split}: %n class(es) are new since this run started and are left out: {names}</source>
        <translation>
            <numerusform>{split}&#xa0;: %Ln classe est apparue depuis le début de cet entraînement et est laissée de côté&#xa0;: {names}</numerusform>
            <numerusform>{split}&#xa0;: %Ln classes sont apparues depuis le début de cet entraînement et sont laissées de côté&#xa0;: {names}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>GPU memory (GB)</source>
        <translation>Mémoire GPU (Go)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d&apos;apprentissage</translation>
    </message>
    <message>
        <source>Loss per epoch</source>
        <translation>Perte par époque</translation>
    </message>
    <message>
        <source>SI-SDR</source>
        <translation>SI-SDR</translation>
    </message>
    <message>
        <source>Samples/s and data wait %</source>
        <translation>Éch./s et&#xa0;% d&apos;attente</translation>
    </message>
    <message>
        <source>Step loss</source>
        <translation>Perte par étape</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Courbes d&apos;entraînement</translation>
    </message>
    <message>
        <source>Training plots</source>
        <translation>Graphiques d&apos;entraînement</translation>
    </message>
    <message>
        <source>Validation PESQ (wideband)</source>
        <translation>PESQ val. (large bande)</translation>
    </message>
    <message>
        <source>Validation SI-SDR (dB)</source>
        <translation>SI-SDR val. (dB)</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Exactitude val.</translation>
    </message>
    <message>
        <source>Validation macro-F1</source>
        <translation>Macro-F1 val.</translation>
    </message>
    <message>
        <source>best</source>
        <translation>meilleure</translation>
    </message>
    <message>
        <source>data wait %</source>
        <translation>% d&apos;attente</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>improvement</source>
        <translation>amélioration</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrée</translation>
    </message>
    <message>
        <source>macro-F1</source>
        <translation>macro-F1</translation>
    </message>
    <message>
        <source>output</source>
        <translation>sortie</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>brute</translation>
    </message>
    <message>
        <source>samples/s</source>
        <translation>échantillons/s</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>lissée</translation>
    </message>
    <message>
        <source>step</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>top-1</source>
        <translation>top-1</translation>
    </message>
    <message>
        <source>top-5</source>
        <translation>top-5</translation>
    </message>
    <message>
        <source>train</source>
        <translation>entraîn.</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>valid.</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Settings for a new run</source>
        <translation>Réglages d&apos;un nouvel entraînement</translation>
    </message>
    <message>
        <source>Training message</source>
        <translation>Message d&apos;entraînement</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <source>A  original</source>
        <translation>A  d&apos;origine</translation>
    </message>
    <message>
        <source>B  processed</source>
        <translation>B  traité</translation>
    </message>
    <message>
        <source>Cannot play: {reason}</source>
        <translation>Lecture impossible&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Difference (A − B)</source>
        <translation>Différence (A − B)</translation>
    </message>
    <message>
        <source>Export processed audio</source>
        <translation>Exporter l&apos;audio traité</translation>
    </message>
    <message>
        <source>Export the processed audio</source>
        <translation>Exporter l&apos;audio traité</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>Exporté&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Listen to the difference A minus B</source>
        <translation>Écouter la différence A moins B</translation>
    </message>
    <message>
        <source>Loop selection</source>
        <translation>Boucler la sélection</translation>
    </message>
    <message>
        <source>Loop the selection</source>
        <translation>Lire la sélection en boucle</translation>
    </message>
    <message>
        <source>Match loudness</source>
        <translation>Égaliser la sonie</translation>
    </message>
    <message>
        <source>Output device</source>
        <translation>Périphérique de sortie</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Play A and B at the same loudness (LUFS)</source>
        <translation>Lire A et B à la même sonie (LUFS)</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Lecture ou pause (Espace)</translation>
    </message>
    <message>
        <source>Show spectrograms</source>
        <translation>Afficher les spectrogrammes</translation>
    </message>
    <message>
        <source>Spectrograms</source>
        <translation>Spectrogrammes</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêt</translation>
    </message>
    <message>
        <source>Stop and rewind</source>
        <translation>Arrêter et revenir au début</translation>
    </message>
    <message>
        <source>Switch A and B (A, B, Tab)</source>
        <translation>Basculer entre A et B (A, B, Tab)</translation>
    </message>
    <message>
        <source>System default output</source>
        <translation>Sortie par défaut</translation>
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
<context>
    <name>metrics_text</name>
    <message>
        <source>Metrics need a clean reference.</source>
        <translation>Les mesures demandent une référence propre.</translation>
    </message>
    <message>
        <source>{metric} — (no speech in the reference)</source>
        <translation>{metric} — (pas de parole dans la référence)</translation>
    </message>
</context>
</TS>
