"""Hand-written medical vocabulary: the consumer words patients and practices use.

The shipped data files (ICD-10-CM titles, drug names) hold clinical and product
names; these lists add the everyday words those sources lack ("pink eye",
"cast", "tummy", "cavity") and the medicine words that are not products. Every
entry is lowercase; a trailing ``*`` makes the entry a prefix ("vaccin*").
"""

from __future__ import annotations

CONDITIONS = """
    pink eye|shingles|strep|strep throat|flu|the flu|influenza|covid|covid-19|rsv|cold sore|cold sores|
    common cold|chest cold|head cold|stomach bug|stomach flu|tummy bug|food poisoning|ear infection|
    sinus infection|urinary tract infection|uti|yeast infection|kidney stone|kidney stones|gallstones|
    heart attack|heart disease|heart failure|stroke|high blood pressure|low blood pressure|hypertension|
    high cholesterol|diabetes|type 1|type 2|type 1 diabetes|type 2 diabetes|prediabetes|gestational diabetes|
    asthma|copd|allergy|allergies|hay fever|pollen allergy|eczema|psoriasis|acne|rosacea|hives|rash|
    dermatitis|sunburn|melanoma|skin cancer|cancer|breast cancer|colon cancer|prostate cancer|lung cancer|
    cervical cancer|leukemia|lymphoma|tumor|tumour|cyst|mole|wart|warts|plantar wart|athlete's foot|
    ringworm|nevus|nevi|atypical mole|lice|head lice|scabies|impetigo|chickenpox|chicken pox|measles|mumps|whooping cough|pertussis|
    hpv|hepatitis|hiv|std|sti|chlamydia|gonorrhea|herpes|syphilis|pneumonia|bronchitis|croup|sinusitis|
    tonsillitis|laryngitis|conjunctivitis|ear ache|earache|migraine|migraines|concussion|fracture|
    broken arm|broken leg|broken wrist|broken ankle|broken bone|sprain|sprained ankle|strain|torn acl|
    acl tear|rotator cuff|tennis elbow|carpal tunnel|plantar fasciitis|sciatica|arthritis|osteoarthritis|
    rheumatoid arthritis|gout|osteoporosis|scoliosis|herniated disc|slipped disc|back pain|neck pain|
    depression|anxiety|panic attacks|ptsd|ocd|adhd|autism|bipolar|schizophrenia|eating disorder|anorexia|
    bulimia|insomnia|sleep apnea|dementia|alzheimer's|parkinson's|epilepsy|seizures|seizure|ms|
    multiple sclerosis|anemia|thyroid|hypothyroidism|hyperthyroidism|celiac|crohn's|ibs|acid reflux|
    reflux|gerd|heartburn|ulcer|constipation|diarrhea|hemorrhoids|appendicitis|hernia|obesity|overweight|
    cavity|cavities|tooth decay|gum disease|gingivitis|periodontitis|abscess|tooth abscess|dry socket|
    tmj|teeth grinding|bruxism|cracked tooth|impacted wisdom teeth|preeclampsia|miscarriage|infertility|
    endometriosis|pcos|menopause|postpartum depression|morning sickness|ectopic pregnancy|jaundice|
    colic|ear tubes|pinkeye|lyme disease|mono|mononucleosis|norovirus|dehydration|heat stroke|heat exhaustion|
    frostbite|infection|infections|virus|bacterial infection|viral infection|sepsis|cellulitis|mrsa|
    ingrown toenail|bunion|bunions|shin splints|tendonitis|tendinitis|bursitis|whiplash|vertigo|tinnitus|
    glaucoma|cataract|cataracts|macular degeneration|lazy eye|stye|dry eye|nearsighted|farsighted|
    addiction|substance use|alcoholism|opioid addiction|overdose|long covid|autoimmune|lupus|fibromyalgia|
    chronic pain|chronic fatigue|cold|colds|ear infections|strep throat|bronchiolitis|hand foot and mouth|
    fifth disease|diaper rash|cradle cap|teething|reflux|food allergy|peanut allergy|nut allergy|
    lactose intolerance|kidney disease|liver disease|fatty liver|cirrhosis|pancreatitis|diverticulitis|
    polyps|polyp|cancer-free|in remission|remission|terminal|stage 4|stage iv|covid positive|
    pregnant|pregnancy|expecting|high-risk pregnancy|c-section|twins|nicu|premature|preemie|
    disease|disorder|syndrome|condition|illness|sick|diagnosis|diagnosed|injury|injured|wound|
    burn|burns|bite|sting|bee sting|tick bite|dog bite|stitches|blister|blisters|bruise|bruising|
""".replace("\n", "").split("|")
"""Conditions by their everyday names (the ICD-10-CM data adds clinical names)."""

SYMPTOMS = """
    fever|high fever|low-grade fever|cough|coughing|sore throat|runny nose|stuffy nose|congestion|
    sneezing|headache|headaches|stomachache|stomach ache|tummy ache|nausea|vomiting|throwing up|
    dizziness|dizzy|fatigue|tired|chills|aches|body aches|muscle aches|joint pain|chest pain|
    shortness of breath|wheezing|itching|itchy|itchy eyes|watery eyes|swelling|swollen|numbness|
    tingling|bleeding|bleeding gums|toothache|tooth pain|sensitivity|sensitive teeth|jaw pain|
    earache|ear pain|back pain|pain|painful|soreness|sore|cramps|cramping|bloating|heartburn|
    palpitations|fainting|blurry vision|blurred vision|rash|spots|lump|lumps|discharge|
    spotting|hot flashes|night sweats|insomnia|trouble sleeping|weight loss|weight gain|
    loss of taste|loss of smell|sinus pressure|post-nasal drip|hoarse|hoarseness|stiffness|stiff neck|
    limp|limping|snoring|bedwetting|tantrums|mood swings|sadness|hopeless|worry|panic|
    symptom|symptoms|flare|flare-up|flare-ups|relapse|
""".replace("\n", "").split("|")
"""Symptoms as patients say them."""

PROCEDURES = """
    surgery|surgeries|operation|procedure|procedures|biopsy|colonoscopy|endoscopy|mammogram|
    pap smear|pap test|ultrasound|sonogram|x-ray|x-rays|xray|mri|ct scan|cat scan|scan|scans|ekg|ecg|
    blood test|blood work|bloodwork|labs|lab work|lab results|test results|results|screening|screenings|
    physical|physical exam|well visit|well-child visit|checkup|check-up|exam|cleaning|filling|fillings|
    crown|crowns|root canal|extraction|tooth extraction|wisdom teeth|wisdom tooth|implant|implants|
    dental implant|veneers|braces|retainer|invisalign|whitening|deep cleaning|scaling|sealants|
    fluoride treatment|bridge|dentures|
    vaccine|vaccines|vaccination|vaccinations|vaccinated|immunization|immunizations|shot|shots|
    flu shot|booster|boosters|jab|injection|injections|infusion|iv|chemo|chemotherapy|radiation|
    dialysis|transplant|bypass|stent|pacemaker|knee replacement|hip replacement|joint replacement|
    acl surgery|acl repair|arthroscopy|tonsillectomy|appendectomy|c-section|cesarean|delivery|
    induction|epidural|ivf|iud|vasectomy|circumcision|hysterectomy|mastectomy|lumpectomy|
    physical therapy|pt|rehab|rehabilitation|occupational therapy|speech therapy|therapy|counseling|
    counselling|cbt|treatment|treatments|cast|casts|splint|sling|brace|boot|crutches|stitches|sutures|
    cast off|cast came off|stitches out|follow-up|follow up|followup|post-op|pre-op|
    botox|filler|fillers|laser|laser treatment|microneedling|chemical peel|mole removal|cryotherapy|
    allergy testing|allergy shots|skin check|skin exam|prenatal|prenatal visit|ultrasound|
    adjustment|consultation|consult|referral|prescription|prescriptions|refill|refills|
    admitted|discharged|hospitalized|icu|er|emergency room|urgent care|ambulance|
    appointment|appointments|visit|visits|
""".replace("\n", "").split("|")
"""Procedures, treatments, tests and visits."""

BODY_PARTS = """
    head|face|eye|eyes|ear|ears|nose|mouth|lip|lips|tongue|tooth|teeth|gum|gums|jaw|throat|neck|
    shoulder|shoulders|arm|arms|elbow|wrist|wrists|hand|hands|finger|fingers|thumb|chest|breast|breasts|
    back|lower back|spine|hip|hips|knee|knees|leg|legs|ankle|ankles|foot|feet|toe|toes|heel|
    skin|scalp|heart|lung|lungs|liver|kidney|kidneys|stomach|tummy|belly|bowel|colon|bladder|
    prostate|uterus|cervix|ovary|ovaries|brain|bone|bones|joint|joints|muscle|muscles|tendon|
    ligament|acl|meniscus|rotator cuff|hamstring|sinus|sinuses|tonsils|adenoids|appendix|
    gallbladder|thyroid|pelvis|molar|molars|baby teeth|incisor|
""".replace("\n", "").split("|")
"""Body parts: in a sentence with a person, they make it about that person's health."""

MEDICINE_WORDS = """
    medication|medications|medicine|medicines|meds|drug|drugs|pill|pills|tablet|tablets|capsule|capsules|
    dose|doses|dosage|antibiotic|antibiotics|antiviral|antivirals|steroid|steroids|
    inhaler|inhalers|vitamin|vitamins|supplement|supplements|antihistamine|antihistamines|
    decongestant|decongestants|painkiller|painkillers|pain reliever|pain relievers|fever reducer|
    cough syrup|cough drops|eye drops|ear drops|nasal spray|cream|ointment|antacid|antacids|
    probiotic|probiotics|birth control|the pill|epipen|epi-pen|insulin|statin|statins|opioid|
    opioids|laxative|laxatives|sleep aid|gummies|gummy|otc|over-the-counter|multivitamin|
    vitamin c|vitamin d|vitamin b12|zinc|elderberry|echinacea|magnesium|fish oil|iron pills|
    melatonin|ibuprofen|acetaminophen|paracetamol|tylenol|advil|motrin|aleve|naproxen|aspirin|
    benadryl|zyrtec|claritin|allegra|mucinex|dayquil|nyquil|sudafed|pepto|pepto-bismol|tums|
    imodium|miralax|neosporin|hydrocortisone|cortisone|flonase|excedrin|robitussin|delsym|
    orajel|anbesol|sensodyne|listerine|chlorhexidine|peroxide|hydrogen peroxide|
    ozempic|wegovy|mounjaro|zepbound|tamiflu|paxlovid|amoxicillin|augmentin|azithromycin|
    z-pack|zpack|prednisone|metformin|lisinopril|antidepressant|antidepressants|ssri|ssris|
    benzo|benzos|xanax|adderall|ritalin|lexapro|zoloft|prozac|gabapentin|oxycodone|
""".replace("\n", "").split("|")
"""Words that mean "a medicine", and the over-the-counter names people use."""

SUFFIX_DRUGS = (
    "cillin", "mycin", "cycline", "floxacin", "pril", "sartan", "statin", "olol", "dipine",
    "prazole", "formin", "gliptin", "azepam", "zolam", "oxetine", "triptan", "dronate",
    "tidine", "profen", "codone", "morphone", "semide", "thiazide", "glutide", "tirzepatide",
)
"""Generic-name endings (amoxicillin, lisinopril, semaglutide) for drugs no list has yet."""

SUFFIX_CONDITIONS = ("itis", "osis", "emia", "algia", "pathy", "oma")
"""Clinical endings of condition names (tendinitis, scoliosis, melanoma)."""
